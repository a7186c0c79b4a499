/**
 * What must hold for any input, however hostile: `isccc check` (run in-process through the real `main()`) ends
 * with exit 0, 1 or 2, prints no stack trace, locates every input problem as `file:line:col: error [code]`, leaves
 * Object.prototype untouched, and opens no file outside the workspace it was given (besides the toolkit's own
 * catalog, rulebook and schemas).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/main.js';
import { repoRoot } from '../helpers.js';
import type { EXAMPLES } from './inputs.js';

export interface Outcome {
  code: number;
  out: string;
  err: string;
  /** Every path the run opened, read or listed. */
  opened: string[];
  ms: number;
}

type Spied = 'openSync' | 'readFileSync' | 'readdirSync' | 'createReadStream';
const SPIED: Spied[] = ['openSync', 'readFileSync', 'readdirSync', 'createReadStream'];

/** Runs `isccc <args>` in this process and records the files it touches. */
export async function runInProcess(args: string[]): Promise<Outcome> {
  const out: string[] = [];
  const err: string[] = [];
  const opened: string[] = [];
  const originals = new Map<Spied, unknown>();
  const fsAny = fs as unknown as Record<Spied, (...a: unknown[]) => unknown>;
  for (const name of SPIED) {
    const original = fsAny[name];
    originals.set(name, original);
    fsAny[name] = function (this: unknown, target: unknown, ...rest: unknown[]): unknown {
      if (typeof target === 'string' || target instanceof URL || Buffer.isBuffer(target))
        opened.push(path.resolve(target instanceof URL ? target.pathname : String(target)));
      return original.call(this, target, ...rest);
    };
  }
  const started = performance.now();
  let code: number;
  try {
    code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  } finally {
    for (const name of SPIED) fsAny[name] = originals.get(name) as (...a: unknown[]) => unknown;
  }
  return { code, out: out.join('\n'), err: err.join('\n'), opened, ms: performance.now() - started };
}

/** A private copy of an example's folder (its evidence files), to write mutated manifests into. */
export class Workspaces {
  private readonly root = fs.mkdtempSync(path.join(os.tmpdir(), 'isccc-fuzz-'));
  private readonly made = new Map<string, string>();

  of(example: (typeof EXAMPLES)[number]): string {
    let dir = this.made.get(example.name);
    if (!dir) {
      dir = path.join(this.root, example.name);
      fs.cpSync(example.dir, dir, { recursive: true });
      this.made.set(example.name, dir);
    }
    return dir;
  }

  /** A fresh folder for rule files. */
  rulesDir(): string {
    return fs.mkdtempSync(path.join(this.root, 'rules-'));
  }

  dispose(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}

const STACK = /^\s+at .+(:\d+:\d+\)?|\(native\))$/m;
const LOCATED = /^.+:\d+:\d+: error \[[a-z]+\/[a-z-]+\] \S/;
/**
 * What the toolkit itself may read: its own installation (data, code, package manifests, build outputs) — but not
 * the examples, since each run is handed a copy of one and must read that copy only.
 */
const INSTALL = fs.realpathSync(repoRoot);
const EXAMPLES_DIR = path.join(INSTALL, 'examples');
const own = (file: string): boolean => file.startsWith(INSTALL + path.sep) && !file.startsWith(EXAMPLES_DIR + path.sep);

/** `workspaces`: the folders the user handed the command (the manifest's, a `--rules` folder). */
export function assertSound(outcome: Outcome, workspaces: string[], what: string): void {
  const context = `${what}\nexit ${outcome.code}\n${outcome.err.slice(0, 2000)}`;
  assert.ok([0, 1, 2].includes(outcome.code), `exit code in {0, 1, 2}: ${context}`);
  assert.doesNotMatch(outcome.out + '\n' + outcome.err, STACK, `no stack trace: ${context}`);
  assert.doesNotMatch(outcome.err, /internal error/, `no internal error: ${context}`);
  if (outcome.code === 2 && !/usage:/.test(outcome.err)) {
    for (const line of outcome.err.split('\n').filter(Boolean)) {
      assert.match(line, LOCATED, `every problem is located (file:line:col: error [code]): ${context}`);
    }
  }
  assert.deepEqual(Object.keys(Object.prototype), [], `Object.prototype untouched: ${context}`);
  assert.equal(({} as Record<string, unknown>).polluted, undefined, `no polluted property: ${context}`);
  const allowed = [...workspaces, ...workspaces.map((w) => fs.realpathSync(w))];
  for (const file of outcome.opened) {
    const inside = (dir: string): boolean => file === dir || file.startsWith(dir + path.sep);
    assert.ok(allowed.some(inside) || own(file), `opened ${file}, outside the folders given (${workspaces.join(', ')}): ${context}`);
  }
}
