import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { EvidenceEntry } from '../manifest/types.js';
import { bilingual, MESSAGES } from '../messages.js';
import type { Text } from '../model.js';
import type { IntegrityProblem } from '../rulebook/rulebook.js';

export interface EvidenceCheck {
  index: number;
  entry: EvidenceEntry;
  problem: IntegrityProblem | null;
  /** Machine-readable detail: the file's digest on a hash mismatch, the date a document expired, … */
  detail?: string;
  /** Why the document cannot be used, for messages (e.g. "hash mismatch: expected …, file has …"). */
  reason?: Text;
  /**
   * Names the file has (its link count) when more than one: a hard link cannot be told from the file itself, so
   * the same content may also live, and change, under another name — possibly outside the manifest's folder.
   */
  links?: number;
  /** What the file on disk holds, whenever it could be read (also on a hash mismatch or an expired date). */
  actual?: { sha256: string; size: number };
}

const MAX_EVIDENCE_BYTES = 512 * 1024 * 1024;

/**
 * Checks listed documents without ever reading outside `workspaceDir`: absolute paths, `..`
 * escapes and symbolic links are refused before any file is opened.
 */
export function checkEvidenceFiles(entries: EvidenceEntry[], workspaceDir: string, asOf: string): EvidenceCheck[] {
  const root = fs.realpathSync(workspaceDir);
  return entries.map((entry, index) => {
    const located = locate(root, entry.path);
    if ('outside' in located) return outside(index, entry, located.outside);
    let stat: fs.BigIntStats;
    try {
      stat = fs.lstatSync(located.file, { bigint: true });
    } catch {
      return unusable(index, entry, 'missing', MESSAGES['evidence.missing']());
    }
    if (stat.isSymbolicLink()) return outside(index, entry, MESSAGES['evidence.path.symbolic-link']());
    if (!stat.isFile()) return unreadable(index, entry, MESSAGES['evidence.file.not-regular']());
    if (stat.size > BigInt(MAX_EVIDENCE_BYTES))
      return unreadable(index, entry, MESSAGES['evidence.file.too-large']({ megabytes: MAX_EVIDENCE_BYTES / 1048576 }));
    let digest: string;
    try {
      digest = digestOf(located.file, stat);
    } catch (error) {
      const message = (error as Error).message;
      return unreadable(
        index,
        entry,
        bilingual(() => message),
      );
    }
    const actual = { sha256: digest, size: Number(stat.size) };
    if (digest !== entry.sha256)
      return { ...unusable(index, entry, 'hash-mismatch', MESSAGES['evidence.hash-mismatch']({ expected: entry.sha256, actual: digest }), digest), actual };
    if (entry.validUntil && entry.validUntil < asOf)
      return { ...unusable(index, entry, 'expired', MESSAGES['evidence.expired']({ validUntil: entry.validUntil }), entry.validUntil), actual };
    return { index, entry, problem: null, actual, ...(stat.nlink > 1n ? { links: Number(stat.nlink) } : {}) };
  });
}

/** A document that cannot be used: why, in words a message can quote as they are, and the detail for machines. */
function unusable(index: number, entry: EvidenceEntry, problem: IntegrityProblem, reason: Text, detail?: string): EvidenceCheck {
  return { index, entry, problem, ...(detail !== undefined ? { detail } : {}), reason };
}

/** Outside the manifest's folder; the detail is why, in English. */
function outside(index: number, entry: EvidenceEntry, why: Text): EvidenceCheck {
  return unusable(index, entry, 'outside-workspace', MESSAGES['evidence.outside-workspace']({ why }), why.en);
}

function unreadable(index: number, entry: EvidenceEntry, why: Text): EvidenceCheck {
  return unusable(index, entry, 'unreadable', MESSAGES['evidence.unreadable']({ why }), why.en);
}

/** The file a relative path names inside `root`, or why it is outside. */
function locate(root: string, relative: string): { file: string } | { outside: Text } {
  if (path.isAbsolute(relative) || /^[A-Za-z]:[\\/]/.test(relative) || relative.includes('\0')) return { outside: MESSAGES['evidence.path.absolute']() };
  const file = path.resolve(root, relative);
  if (file !== root && !file.startsWith(root + path.sep)) return { outside: MESSAGES['evidence.path.leaves-folder']() };
  // Every existing folder on the way must be a real folder inside the workspace, not a link out of it.
  let dir = root;
  for (const part of path.relative(root, path.dirname(file)).split(path.sep).filter(Boolean)) {
    dir = path.join(dir, part);
    try {
      if (fs.lstatSync(dir).isSymbolicLink()) return { outside: MESSAGES['evidence.path.through-link']({ link: path.relative(root, dir) }) };
    } catch {
      return { file };
    }
  }
  return { file };
}

/**
 * Digests by file identity and change times (nanoseconds), as git's index keeps them: an editor re-checks a
 * manifest on every keystroke, and re-reading unchanged evidence each time would dominate. Any write changes
 * ctime, so a changed file is read again.
 */
const digests = new Map<string, { stamp: string; digest: string }>();

function digestOf(file: string, stat: fs.BigIntStats): string {
  const stamp = `${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}`;
  const cached = digests.get(file);
  if (cached?.stamp === stamp) return cached.digest;
  const digest = sha256File(file);
  if (digests.size > 10_000) digests.clear();
  digests.set(file, { stamp, digest });
  return digest;
}

export function sha256File(file: string): string {
  const hash = crypto.createHash('sha256');
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(1 << 16);
    let read: number;
    while ((read = fs.readSync(fd, buffer, 0, buffer.length, null)) > 0) hash.update(buffer.subarray(0, read));
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}
