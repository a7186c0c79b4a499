/** The Python tools the CLI tests drive, installed by workers/cli/ci-setup.sh into a cached virtualenv. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cliRoot } from '../helpers.js';

const cache = process.env.ISCCC_CACHE ?? path.join(os.homedir(), '.cache', 'isccc-flow');
const venv = path.join(cache, 'venv', 'bin');
/** NIST's OSCAL JSON schemas, from liboscal-java (see ci-setup.sh). */
export const OSCAL_SCHEMAS = path.join(cache, 'oscal-schemas-liboscal-java-3.0.3');

function tool(name: string): string {
  const file = path.join(venv, name);
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run bash workers/cli/ci-setup.sh (npm test does)`);
  return file;
}

export function run(command: string, args: string[], cwd?: string): { code: number; out: string; err: string } {
  const r = spawnSync(command, args, { encoding: 'utf8', timeout: 300_000, maxBuffer: 64 * 1024 * 1024, ...(cwd ? { cwd } : {}) });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

export interface Sheet {
  name: string;
  rows: (string | number | null)[][];
  merged: string[];
  freeze: string | null;
}

/** The workbook as openpyxl reads it. */
export function readWorkbook(file: string): Sheet[] {
  const r = run(tool('python'), [path.join(cliRoot, 'test', 'support', 'read-workbook.py'), file]);
  if (r.code !== 0) throw new Error(`openpyxl could not read ${file}: ${r.err}`);
  return (JSON.parse(r.out) as { sheets: Sheet[] }).sheets;
}

/** Runs a Python script of the virtualenv's interpreter with the given arguments. */
export function python(script: string, ...args: string[]): { code: number; out: string; err: string } {
  return run(tool('python'), [script, ...args]);
}

export function trestle(args: string[], cwd: string): { code: number; out: string; err: string } {
  return run(tool('trestle'), args, cwd);
}
