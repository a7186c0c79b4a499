/** What the CLI tests share: where things are, and the isccc command as a child process. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
/** workers/cli, from `workers/cli/dist/test/`. */
export const cliRoot = path.resolve(here, '..', '..');
export const repoRoot = path.resolve(cliRoot, '..', '..');
export const BIN = path.join(cliRoot, 'bin', 'isccc.js');
export const example = (name: string): string => path.join(repoRoot, 'examples', name, 'manifest.isccc.yaml');
export const L3_PASS = example('risk-assessment-l3-pass');

export function isccc(...args: string[]): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

/** The five example applicants (examples/README.md). */
export const EXAMPLES = [
  'risk-assessment-l3-pass',
  'risk-assessment-l2-fail',
  'emergency-response-l1',
  'disaster-recovery-a-l2',
  'software-security-development-l2-expired',
] as const;
