/**
 * The evidence root of a manifest as the editor holds it: the `evidence root` that `isccc packet` prints for it —
 * SHA-256 of the canonical index of the manifest and every document it lists (`evidenceIndex` of @isccc/rules, the
 * function the command uses) — or the listed documents that keep a packet from being written. It reads every
 * evidence file (only inside the manifest's folder; a file is hashed again only when its size or change times
 * changed), so it runs in the evaluation thread, never on the request path.
 */
import fs from 'node:fs';
import { type EvidenceCheck, evidenceIndex, GENERATED_FILES, INDEX_FILES, type Manifest, type Text } from '@isccc/rules';

/** Why a listed document keeps the packet from being written: the evaluator's evidence problems, or a name the packet writes itself. */
export type EvidenceRootProblemKind = NonNullable<EvidenceCheck['problem']> | 'name-taken';

export interface EvidenceRootProblem {
  /** The entry's index in `evidence`; -1 for the manifest itself. */
  index: number;
  /** As listed in the manifest. */
  path: string;
  problem: EvidenceRootProblemKind;
  /** The evaluator's words for it (none for `name-taken`, which the server words itself). */
  reason?: Text;
}

export type EvidenceRootState =
  /** `files`: the manifest and the documents it lists; `unsaved`: of the editor's text, which differs from the file. */
  { root: string; files: number; bytes: number; unsaved: boolean } | { problems: EvidenceRootProblem[] } | { failure: string };

const TAKEN = new Set([...GENERATED_FILES, ...INDEX_FILES]);

/**
 * The evidence root of `manifest` (parsed from `text`) as `isccc packet` would compute it once `text` is saved to `file`;
 * `checks`: its evidence as the evaluation of the same job found it in the file's folder.
 */
export function evidenceRootOf(manifest: Manifest, file: string, text: string, checks?: EvidenceCheck[]): EvidenceRootState {
  try {
    const unsaved = !savedAs(file, text);
    const index = evidenceIndex({ manifest, manifestFile: file, ...(unsaved ? { manifestText: text } : {}), ...(checks ? { checks } : {}) });
    const problems: EvidenceRootProblem[] = index.problems.map((p) => ({
      index: p.index,
      path: p.entry.path,
      problem: p.problem ?? 'unreadable',
      ...(p.reason ? { reason: p.reason } : {}),
    }));
    for (const entry of index.entries) {
      if (!TAKEN.has(entry.path)) continue;
      const listed = manifest.evidence.findIndex((e) => e.path === entry.path);
      problems.push({ index: listed, path: entry.path, problem: 'name-taken' });
    }
    if (problems.length > 0) return { problems };
    return { root: index.root, files: index.entries.length, bytes: index.entries.reduce((sum, e) => sum + e.size, 0), unsaved };
  } catch (error) {
    return { failure: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Whether the file on disk holds `text` (a UTF-8 byte-order mark aside, which editors do not show): then the file
 * itself is hashed, byte for byte as `isccc packet` reads it. Its size is compared before anything is read.
 */
function savedAs(file: string, text: string): boolean {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return false;
  }
  const bytes = Buffer.from(text, 'utf8');
  if (!stat.isFile() || (stat.size !== bytes.length && stat.size !== bytes.length + 3)) return false;
  const disk = fs.readFileSync(file);
  const bom = disk.length === bytes.length + 3 && disk[0] === 0xef && disk[1] === 0xbb && disk[2] === 0xbf ? 3 : 0;
  return disk.subarray(bom).equals(bytes);
}
