import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { EvidenceEntry } from '../manifest/types.js';
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
    if ('problem' in located) return unusable(index, entry, located.problem, located.detail);
    let stat: fs.BigIntStats;
    try {
      stat = fs.lstatSync(located.file, { bigint: true });
    } catch {
      return unusable(index, entry, 'missing');
    }
    if (stat.isSymbolicLink()) return unusable(index, entry, 'outside-workspace', { en: 'is a symbolic link', zh: '是符号链接' });
    if (!stat.isFile()) return unusable(index, entry, 'unreadable', { en: 'is not a regular file', zh: '不是普通文件' });
    if (stat.size > BigInt(MAX_EVIDENCE_BYTES)) {
      const mb = MAX_EVIDENCE_BYTES / 1048576;
      return unusable(index, entry, 'unreadable', { en: `is larger than ${mb} MB`, zh: `大于 ${mb} MB` });
    }
    let digest: string;
    try {
      digest = digestOf(located.file, stat);
    } catch (error) {
      const message = (error as Error).message;
      return unusable(index, entry, 'unreadable', { en: message, zh: message });
    }
    const actual = { sha256: digest, size: Number(stat.size) };
    if (digest !== entry.sha256) return { ...unusable(index, entry, 'hash-mismatch', { en: digest, zh: digest }), actual };
    if (entry.validUntil && entry.validUntil < asOf) return { ...unusable(index, entry, 'expired', { en: entry.validUntil, zh: entry.validUntil }), actual };
    return { index, entry, problem: null, actual, ...(stat.nlink > 1n ? { links: Number(stat.nlink) } : {}) };
  });
}

/** A document that cannot be used, with why, in words a message can quote as they are. */
function unusable(index: number, entry: EvidenceEntry, problem: IntegrityProblem, detail?: Text): EvidenceCheck {
  const reason: Record<IntegrityProblem, Text> = {
    missing: { en: 'file not found', zh: '文件不存在' },
    'hash-mismatch': {
      en: `hash mismatch: expected ${entry.sha256}, file has ${detail?.en}`,
      zh: `SHA-256 不符：清单为 ${entry.sha256}，文件为 ${detail?.zh}`,
    },
    'outside-workspace': { en: `outside the manifest's folder: ${detail?.en}; not read`, zh: `不在清单所在目录内：${detail?.zh}，未读取` },
    expired: { en: `expired on ${detail?.en}`, zh: `已于 ${detail?.zh} 失效` },
    unreadable: { en: `cannot be read: ${detail?.en}`, zh: `无法读取：${detail?.zh}` },
  };
  return { index, entry, problem, ...(detail ? { detail: detail.en } : {}), reason: reason[problem] };
}

function locate(root: string, relative: string): { file: string } | { problem: IntegrityProblem; detail: Text } {
  if (path.isAbsolute(relative) || /^[A-Za-z]:[\\/]/.test(relative) || relative.includes('\0')) {
    return { problem: 'outside-workspace', detail: { en: 'is an absolute path', zh: '是绝对路径' } };
  }
  const file = path.resolve(root, relative);
  if (file !== root && !file.startsWith(root + path.sep))
    return { problem: 'outside-workspace', detail: { en: 'leaves the manifest folder', zh: '超出清单所在目录' } };
  // Every existing folder on the way must be a real folder inside the workspace, not a link out of it.
  let dir = root;
  for (const part of path.relative(root, path.dirname(file)).split(path.sep).filter(Boolean)) {
    dir = path.join(dir, part);
    try {
      if (fs.lstatSync(dir).isSymbolicLink()) {
        const link = path.relative(root, dir);
        return { problem: 'outside-workspace', detail: { en: `goes through the symbolic link ${link}`, zh: `经过符号链接 ${link}` } };
      }
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
