import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './paths.js';

export interface CliFinding {
  rule: string;
  clause: string;
  clauseLabel: string;
  status: string;
  severity: string;
  message: { zh: string; en: string };
  actual?: unknown;
  range?: { start: { line: number; character: number } };
}

export interface CliResult {
  findings: CliFinding[];
  summary: { qualifyingLevel: 1 | 2 | 3 | null };
}

/** The repository's one evaluator, through `isccc check --format json`: what the editor must agree with. */
export function checkManifest(manifest: string, args: string[] = []): CliResult {
  const cli = path.join(repoRoot, 'workers', 'cli', 'bin', 'isccc.js');
  const run = spawnSync(process.execPath, [cli, 'check', manifest, '--format', 'json', ...args], { encoding: 'utf8' });
  // Exit code 1 means "there are findings"; only 2 (bad input) is a failure here.
  if (run.status !== 0 && run.status !== 1) throw new Error(`isccc check ${manifest} exited ${run.status}: ${run.stderr}`);
  return JSON.parse(run.stdout) as CliResult;
}

/** The findings the language server shows as diagnostics: all but passes, and not-applicable ones only when they warn. */
export function shownFindings(result: CliResult): CliFinding[] {
  return result.findings.filter((finding) => finding.status !== 'pass' && (finding.status !== 'not-applicable' || finding.severity === 'warning'));
}

/** The `evidence root` line of `isccc packet` for the manifest (the packet goes to a temporary folder, removed after). */
export function packetEvidenceRoot(manifest: string): string {
  const cli = path.join(repoRoot, 'workers', 'cli', 'bin', 'isccc.js');
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'isccc-vscode-packet-'));
  try {
    const run = spawnSync(process.execPath, [cli, 'packet', manifest, '-o', path.join(out, 'packet')], { encoding: 'utf8' });
    const root = /^evidence root ([0-9a-f]{64}) /m.exec(run.stdout)?.[1];
    if (run.status !== 0 || !root) throw new Error(`isccc packet ${manifest} exited ${run.status}: ${run.stderr}`);
    return root;
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}
