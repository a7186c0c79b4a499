/** The roots as README documents them, recomputed with sha256sum rather than the code under test. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Manifest } from '@isccc/rules';

export const sha256sum = (file: string): string => execFileSync('sha256sum', [file], { encoding: 'utf8' }).split(' ')[0]!;

/** SHA-256 of the index "isccc-packet-index/v1" + "<sha256> <size> <path>" lines sorted by UTF-8 bytes. */
export function rootOfLines(lines: Map<string, string>): string {
  const sorted = [...lines].sort(([a], [b]) => Buffer.compare(Buffer.from(a), Buffer.from(b))).map(([, l]) => l);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'isccc-root-'));
  fs.writeFileSync(path.join(dir, 'index.txt'), ['isccc-packet-index/v1', ...sorted, ''].join('\n'));
  const root = sha256sum(path.join(dir, 'index.txt'));
  fs.rmSync(dir, { recursive: true });
  return root;
}

/** The evidence root of a manifest: the manifest file and every evidence file it lists. */
export function evidenceRootOf(manifestFile: string, manifest: Manifest): string {
  const dir = path.dirname(manifestFile);
  const line = (file: string, name: string) => `${sha256sum(file)} ${fs.statSync(file).size} ${name}`;
  const lines = new Map([[path.basename(manifestFile), line(manifestFile, path.basename(manifestFile))]]);
  for (const e of manifest.evidence) lines.set(e.path, line(path.join(dir, e.path), e.path));
  return rootOfLines(lines);
}
