/**
 * Opening a file that came from outside (a manifest, a rule file, a case file) without letting it hang or
 * flood the process: only a regular file is read (a FIFO, a device or a folder is refused before it can block),
 * its size is checked on the open descriptor before a byte is read, and with `within` a path that leads out of
 * that folder — by `..` or through a symbolic link — is refused without being opened.
 */
import fs from 'node:fs';
import path from 'node:path';

export type InputFileProblem = 'not-found' | 'not-a-file' | 'too-large' | 'outside-folder' | 'unreadable';

export type InputFile = { ok: true; text: string; size: number } | { ok: false; problem: InputFileProblem; detail: string; size?: number };

export function readInputFile(file: string, options: { maxBytes: number; within?: string }): InputFile {
  if (options.within !== undefined) {
    const outside = leavesFolder(file, options.within);
    if (outside) return { ok: false, problem: 'outside-folder', detail: outside };
  }
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; the fstat below then refuses it.
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code === 'ENOENT') return { ok: false, problem: 'not-found', detail: 'ENOENT (no such file)' };
    if (code === 'EISDIR') return { ok: false, problem: 'not-a-file', detail: 'EISDIR (a folder, not a file)' };
    return { ok: false, problem: 'unreadable', detail: code || (error as Error).message };
  }
  try {
    const stat = fs.fstatSync(fd);
    if (stat.isDirectory()) return { ok: false, problem: 'not-a-file', detail: 'EISDIR (a folder, not a file)' };
    if (!stat.isFile()) return { ok: false, problem: 'not-a-file', detail: 'not a regular file (a FIFO, socket or device)' };
    if (stat.size > options.maxBytes)
      return {
        ok: false,
        problem: 'too-large',
        detail: `${(stat.size / 1048576).toFixed(1)} MB, over the ${options.maxBytes / 1048576} MB limit`,
        size: stat.size,
      };
    const buffer = Buffer.alloc(stat.size);
    let offset = 0;
    while (offset < stat.size) {
      const read = fs.readSync(fd, buffer, offset, stat.size - offset, offset);
      if (read === 0) break;
      offset += read;
    }
    return { ok: true, text: buffer.subarray(0, offset).toString('utf8'), size: stat.size };
  } catch (error) {
    return { ok: false, problem: 'unreadable', detail: (error as NodeJS.ErrnoException).code ?? (error as Error).message };
  } finally {
    fs.closeSync(fd);
  }
}

/** Why `file` is not inside `folder` (by `..`, an absolute path elsewhere, or a symbolic link out), or undefined. */
export function leavesFolder(file: string, folder: string): string | undefined {
  let root: string;
  try {
    root = fs.realpathSync(folder);
  } catch {
    return `its folder ${folder} cannot be resolved`;
  }
  const resolved = path.resolve(folder, file);
  const inside = (p: string): boolean => p === root || p.startsWith(root + path.sep);
  let real: string;
  try {
    real = fs.realpathSync(resolved);
  } catch {
    // Not there (yet): judge the path as written, against the folder as given and as resolved.
    const lexical = path.resolve(root, path.relative(path.resolve(folder), resolved));
    return inside(lexical) ? undefined : 'leaves the folder';
  }
  if (inside(real)) return undefined;
  return fs.lstatSync(resolved).isSymbolicLink() ? `is a symbolic link to ${real}, outside the folder` : 'leaves the folder';
}
