/**
 * Reads a packet — a zip file or a folder — as untrusted input: every entry is checked before any content is
 * read or written. Refused, with the entry named: `..` segments, absolute paths, backslashes, symbolic links,
 * encrypted or duplicate entries, more than MAX_ENTRIES entries, an entry over MAX_FILE_BYTES, more than
 * MAX_TOTAL_BYTES in all, or a compression ratio over MAX_RATIO (a zip bomb). The sizes a zip declares are
 * enforced while inflating (yauzl's validateEntrySizes), so a lying header is caught too.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { INDEX_FILES, MAX_INDEX_ENTRIES, packetPathProblem } from '@isccc/rules';
import { InputError } from '../io.js';

export const LIMITS = {
  entries: MAX_INDEX_ENTRIES + INDEX_FILES.length,
  /** The same bound as an evidence file checked by the evaluator. */
  fileBytes: 512 * 1024 * 1024,
  totalBytes: 4 * 1024 * 1024 * 1024,
  /** Uncompressed to compressed, for entries over 1 MiB: text deflates 3–10×, a bomb thousands of times. */
  ratio: 200,
  /** The index, signature, signer key and manifest are read into memory. */
  smallBytes: 4 * 1024 * 1024,
} as const;

export interface PacketContent {
  /** Every file except the index files, with what it holds. */
  files: Map<string, { sha256: string; size: number }>;
  /** Contents of the index, signature and signer files, and of root-level `*.isccc.yaml` manifests. */
  small: Map<string, Buffer>;
}

/** A packet path worth keeping in memory while hashing. */
const keep = (p: string): boolean => INDEX_FILES.includes(p) || (!p.includes('/') && p.endsWith('.isccc.yaml'));

/** Reads a zip or a folder packet; with `extractTo`, writes its files there (a folder that must not exist yet). */
export async function readPacket(location: string, extractTo?: string): Promise<PacketContent> {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(location);
  } catch (error) {
    throw new InputError(`cannot read ${location}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (stat.isSymbolicLink()) throw new InputError(`${location} is a symbolic link; name the packet itself`);
  const sink = extractTo === undefined ? undefined : new Extraction(extractTo);
  return stat.isDirectory() ? readFolder(location, sink) : readZip(location, sink);
}

class Extraction {
  private readonly root: string;
  constructor(dir: string) {
    if (fs.existsSync(dir)) throw new InputError(`--extract: ${dir} already exists; name a new folder`);
    fs.mkdirSync(dir, { recursive: true });
    this.root = fs.realpathSync(dir);
  }
  /** Opens a new file for an entry that passed packetPathProblem; it can only land inside the root. */
  open(entry: string): number {
    const target = path.resolve(this.root, ...entry.split('/'));
    if (!target.startsWith(this.root + path.sep)) throw new InputError(`entry "${entry}" would be written outside ${this.root}`);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    return fs.openSync(target, 'wx', 0o644);
  }
}

function refuse(location: string, entry: string, why: string): never {
  throw new InputError(`${location}: entry "${entry}" ${why}; the packet is refused and nothing was extracted from it`);
}

async function readZip(location: string, sink: Extraction | undefined): Promise<PacketContent> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(location, { lazyEntries: true, autoClose: false, strictFileNames: true, validateEntrySizes: true, decodeStrings: false });
  } catch (error) {
    throw new InputError(`${location} is not a readable zip file (${(error as Error).message})`);
  }
  try {
    if (zip.entryCount > LIMITS.entries) throw new InputError(`${location} has ${zip.entryCount} entries; a packet has at most ${LIMITS.entries}`);
    const entries: { name: string; entry: yauzl.Entry }[] = [];
    const seen = new Set<string>();
    let total = 0;
    for await (const entry of entriesOf(location, zip)) {
      const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, true);
      const isFolder = name.endsWith('/');
      const bare = isFolder ? name.slice(0, -1) : name;
      const problem = packetPathProblem(bare);
      if (problem) refuse(location, name, problem);
      // Unix zips keep the file mode in the high 16 bits; S_IFLNK marks a symbolic link.
      if (((entry.externalFileAttributes >>> 16) & 0o170000) === 0o120000) refuse(location, name, 'is a symbolic link');
      if (entry.isEncrypted()) refuse(location, name, 'is encrypted');
      if (isFolder) continue;
      if (seen.has(name)) refuse(location, name, 'appears twice');
      seen.add(name);
      if (entry.uncompressedSize > LIMITS.fileBytes)
        refuse(location, name, `is ${entry.uncompressedSize} bytes uncompressed; the limit is ${LIMITS.fileBytes}`);
      if (entry.uncompressedSize > 1024 * 1024 && entry.uncompressedSize > LIMITS.ratio * Math.max(1, entry.compressedSize)) {
        refuse(location, name, `inflates ${Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize))}× (over ${LIMITS.ratio}×): a zip bomb`);
      }
      total += entry.uncompressedSize;
      if (total > LIMITS.totalBytes) refuse(location, name, `brings the packet over ${LIMITS.totalBytes} bytes uncompressed`);
      if (!entry.canDecodeFileData()) refuse(location, name, `uses compression method ${entry.compressionMethod}, which cannot be read`);
      entries.push({ name, entry });
    }
    const content: PacketContent = { files: new Map(), small: new Map() };
    for (const { name, entry } of entries) {
      let stream: Readable;
      try {
        stream = await zip.openReadStreamPromise(entry);
      } catch (error) {
        throw new InputError(`${location}: entry "${name}" cannot be read (${(error as Error).message})`);
      }
      await consume(location, name, stream, content, sink);
    }
    return content;
  } finally {
    zip.close();
  }
}

/** The central directory's entries; a structural error is the packet's fault, not ours. */
async function* entriesOf(location: string, zip: yauzl.ZipFile): AsyncGenerator<yauzl.Entry> {
  try {
    for await (const entry of zip.eachEntry()) yield entry;
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${location} is not a readable zip file (${(error as Error).message})`);
  }
}

async function readFolder(location: string, sink: Extraction | undefined): Promise<PacketContent> {
  const found: { name: string; file: string }[] = [];
  let total = 0;
  const walk = (dir: string, prefix: string): void => {
    for (const item of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const name = prefix + item.name;
      const file = path.join(dir, item.name);
      const problem = packetPathProblem(name);
      if (problem) refuse(location, name, problem);
      if (item.isSymbolicLink()) refuse(location, name, 'is a symbolic link');
      if (item.isDirectory()) {
        walk(file, `${name}/`);
        continue;
      }
      if (!item.isFile()) refuse(location, name, 'is not a regular file');
      if (found.length >= LIMITS.entries) throw new InputError(`${location} has more than ${LIMITS.entries} files; a packet has at most ${LIMITS.entries}`);
      const size = fs.lstatSync(file).size;
      if (size > LIMITS.fileBytes) refuse(location, name, `is ${size} bytes; the limit is ${LIMITS.fileBytes}`);
      total += size;
      if (total > LIMITS.totalBytes) refuse(location, name, `brings the packet over ${LIMITS.totalBytes} bytes`);
      found.push({ name, file });
    }
  };
  walk(location, '');
  const content: PacketContent = { files: new Map(), small: new Map() };
  for (const { name, file } of found) await consume(location, name, fs.createReadStream(file), content, sink);
  return content;
}

/** Hashes one entry's bytes (and writes them out when extracting), counting them against the limits. */
async function consume(location: string, name: string, stream: Readable, content: PacketContent, sink: Extraction | undefined): Promise<void> {
  const hash = crypto.createHash('sha256');
  const kept: Buffer[] = [];
  const fd = sink?.open(name);
  let size = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > LIMITS.fileBytes) refuse(location, name, `holds more than ${LIMITS.fileBytes} bytes`);
      hash.update(chunk);
      if (keep(name)) {
        if (size > LIMITS.smallBytes) refuse(location, name, `is larger than ${LIMITS.smallBytes} bytes`);
        kept.push(chunk);
      }
      if (fd !== undefined) fs.writeSync(fd, chunk);
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${location}: entry "${name}" cannot be read (${(error as Error).message})`);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
  if (keep(name)) content.small.set(name, Buffer.concat(kept));
  if (!INDEX_FILES.includes(name)) content.files.set(name, { sha256: hash.digest('hex'), size });
}
