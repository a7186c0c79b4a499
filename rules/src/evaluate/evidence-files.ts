import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { EvidenceEntry } from '../manifest/types.js';
import type { IntegrityProblem } from '../rulebook/rulebook.js';

export interface EvidenceCheck {
  index: number;
  entry: EvidenceEntry;
  problem: IntegrityProblem | null;
  detail?: string;
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
    if ('problem' in located) return { index, entry, problem: located.problem, detail: located.detail };
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(located.file);
    } catch {
      return { index, entry, problem: 'missing' };
    }
    if (stat.isSymbolicLink()) return { index, entry, problem: 'outside-workspace', detail: 'is a symbolic link' };
    if (!stat.isFile()) return { index, entry, problem: 'unreadable', detail: 'is not a regular file' };
    if (stat.size > MAX_EVIDENCE_BYTES) return { index, entry, problem: 'unreadable', detail: `is larger than ${MAX_EVIDENCE_BYTES / 1048576} MB` };
    let digest: string;
    try {
      digest = sha256File(located.file);
    } catch (error) {
      return { index, entry, problem: 'unreadable', detail: (error as Error).message };
    }
    const actual = { sha256: digest, size: stat.size };
    if (digest !== entry.sha256) return { index, entry, problem: 'hash-mismatch', detail: digest, actual };
    if (entry.validUntil && entry.validUntil < asOf) return { index, entry, problem: 'expired', detail: entry.validUntil, actual };
    return { index, entry, problem: null, actual };
  });
}

function locate(root: string, relative: string): { file: string } | { problem: IntegrityProblem; detail: string } {
  if (path.isAbsolute(relative) || /^[A-Za-z]:[\\/]/.test(relative) || relative.includes('\0')) {
    return { problem: 'outside-workspace', detail: 'is an absolute path' };
  }
  const file = path.resolve(root, relative);
  if (file !== root && !file.startsWith(root + path.sep)) return { problem: 'outside-workspace', detail: 'leaves the manifest folder' };
  // Every existing folder on the way must be a real folder inside the workspace, not a link out of it.
  let dir = root;
  for (const part of path.relative(root, path.dirname(file)).split(path.sep).filter(Boolean)) {
    dir = path.join(dir, part);
    try {
      if (fs.lstatSync(dir).isSymbolicLink()) return { problem: 'outside-workspace', detail: `goes through the symbolic link ${path.relative(root, dir)}` };
    } catch {
      return { file };
    }
  }
  return { file };
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
