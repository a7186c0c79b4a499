/** Writes a packet as a zip file (yazl) or as a folder; either way into a new name, never over a user's file. */
import fs from 'node:fs';
import path from 'node:path';
import yazl from 'yazl';
import { comparePacketPaths } from '@isccc/rules';
import { InputError } from '../io.js';

export interface PacketFile {
  /** Path inside the packet (already checked with packetPathProblem). */
  path: string;
  /** Generated content, or the file on disk to copy. */
  content: Buffer | { file: string };
}

export function isZipTarget(out: string): boolean {
  return out.toLowerCase().endsWith('.zip');
}

/** Writes the files to `out` (a .zip file, or a folder that does not exist yet or is empty). */
export async function writePacket(out: string, files: PacketFile[], mtime: Date, overwrite: boolean): Promise<void> {
  const sorted = [...files].sort((a, b) => comparePacketPaths(a.path, b.path));
  if (isZipTarget(out)) await writeZip(out, sorted, mtime, overwrite);
  else writeFolder(out, sorted);
}

async function writeZip(out: string, files: PacketFile[], mtime: Date, overwrite: boolean): Promise<void> {
  if (fs.existsSync(out) && !overwrite) throw new InputError(`${out} already exists (use --force to replace it)`);
  const partial = path.join(path.dirname(out), `.${path.basename(out)}.${process.pid}.partial`);
  const zip = new yazl.ZipFile();
  // A fixed date and mode: the same files make the same zip.
  const options = { mtime, mode: 0o100644 };
  for (const f of files) {
    if (Buffer.isBuffer(f.content)) zip.addBuffer(f.content, f.path, options);
    else zip.addReadStream(fs.createReadStream(f.content.file), f.path, options);
  }
  try {
    await new Promise<void>((resolve, reject) => {
      const sink = fs.createWriteStream(partial, { flags: 'wx' });
      sink.on('close', resolve).on('error', reject);
      zip.outputStream.on('error', reject);
      zip.outputStream.pipe(sink);
      zip.end();
    });
    fs.renameSync(partial, out);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw new InputError(`cannot write ${out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

function writeFolder(out: string, files: PacketFile[]): void {
  if (fs.existsSync(out) && (!fs.statSync(out).isDirectory() || fs.readdirSync(out).length > 0))
    throw new InputError(`${out} exists and is not an empty folder`);
  try {
    fs.mkdirSync(out, { recursive: true });
    for (const f of files) {
      const target = path.join(out, ...f.path.split('/'));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      if (Buffer.isBuffer(f.content)) fs.writeFileSync(target, f.content, { flag: 'wx' });
      else fs.copyFileSync(f.content.file, target, fs.constants.COPYFILE_EXCL);
    }
  } catch (error) {
    throw new InputError(`cannot write ${out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}
