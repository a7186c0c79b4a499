import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { checkEvidenceFiles, type EvidenceCheck } from '../evaluate/evidence-files.js';
import type { Manifest } from '../manifest/types.js';
import { comparePacketPaths, formatIndex, type IndexEntry, packetPathProblem, rootHash } from './packet-index.js';

export interface EvidenceIndex {
  /** The manifest and every listed document that could be read, as they are on disk now. */
  entries: IndexEntry[];
  /** The canonical index of those entries. */
  index: string;
  /** The evidence root: SHA-256 of `index`. */
  root: string;
  /** Listed documents that are not in `entries` (missing, outside the folder, unreadable) or whose hash differs from the manifest's. */
  problems: EvidenceCheck[];
}

export interface EvidenceIndexOptions {
  manifest: Manifest;
  /** The manifest's path on disk: evidence resolves in its folder, and it is listed under its file name. */
  manifestFile: string;
  /** The manifest's text when it differs from the file (an editor's unsaved buffer). */
  manifestText?: string;
  /** The listed documents as `checkEvidenceFiles` found them just now in the manifest's folder (an evaluation's): not checked again. */
  checks?: EvidenceCheck[];
}

/**
 * The index and root of a manifest's current evidence: what `isccc packet` would pack for it and what the
 * packet's evidence root will be, computed without writing anything. The same rules as `evaluate` apply
 * to evidence paths: nothing outside the manifest's folder is opened.
 */
export function evidenceIndex(options: EvidenceIndexOptions): EvidenceIndex {
  const dir = path.dirname(path.resolve(options.manifestFile));
  const root = fs.realpathSync(dir);
  const bytes = options.manifestText !== undefined ? Buffer.from(options.manifestText, 'utf8') : fs.readFileSync(options.manifestFile);
  const entries = new Map<string, IndexEntry>();
  const manifestPath = path.basename(options.manifestFile);
  entries.set(manifestPath, { path: manifestPath, sha256: crypto.createHash('sha256').update(bytes).digest('hex'), size: bytes.length });
  const problems: EvidenceCheck[] = [];
  for (const check of options.checks ?? checkEvidenceFiles(options.manifest.evidence, dir, options.manifest.application.asOf)) {
    if (!check.actual) {
      problems.push(check);
      continue;
    }
    const inPacket = packetPathOf(root, check.entry.path);
    const unnamable = packetPathProblem(inPacket);
    if (unnamable) {
      problems.push({ ...check, problem: 'unreadable', detail: `cannot be named in a packet: the path ${unnamable}` });
      continue;
    }
    if (check.problem === 'hash-mismatch') problems.push(check);
    entries.set(inPacket, { path: inPacket, ...check.actual });
  }
  const sorted = [...entries.values()].sort((a, b) => comparePacketPaths(a.path, b.path));
  const index = formatIndex(sorted);
  return { entries: sorted, index, root: rootHash(index), problems };
}

/** A listed evidence path as the packet names it: relative to the manifest's folder, `/`-separated, normalised. */
export function packetPathOf(root: string, evidencePath: string): string {
  return path.relative(root, path.resolve(root, evidencePath)).split(path.sep).join('/');
}
