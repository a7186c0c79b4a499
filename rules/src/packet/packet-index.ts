/**
 * The canonical index of a submission packet (6.2): a header line, then one line per file,
 * `<sha256> <size> <path>`, sorted by the UTF-8 bytes of the path. The root hash is the SHA-256 of the
 * index's UTF-8 bytes: one number that changes when any file is added, removed or changed, and that anyone
 * can recompute with `sha256sum isccc-index.txt`. A flat hash of the canonical index rather than a Merkle
 * tree: a packet is verified whole, never file by file against the root, so inclusion proofs buy nothing.
 */
import crypto from 'node:crypto';

export const PACKET_INDEX_HEADER = 'isccc-packet-index/v1';

/** The files a packet holds beside the manifest and its evidence, by their path in the packet. */
export const PACKET_FILES = {
  index: 'isccc-index.txt',
  /** Ed25519 signature over the index bytes (base64), optional. */
  signature: 'isccc-index.sig',
  /** The signer's public key (SPKI PEM), next to the signature. */
  signer: 'isccc-signer.pem',
  formXlsx: 'self-assessment.xlsx',
  formHtml: 'self-assessment.html',
  application: 'application.json',
} as const;

/** Written by `isccc packet` from the manifest: not part of the evidence root. */
export const GENERATED_FILES: readonly string[] = [PACKET_FILES.formXlsx, PACKET_FILES.formHtml, PACKET_FILES.application];
/** Describe the index rather than being listed in it. */
export const INDEX_FILES: readonly string[] = [PACKET_FILES.index, PACKET_FILES.signature, PACKET_FILES.signer];

export interface IndexEntry {
  /** Relative, `/`-separated, no `.` or `..` segment. */
  path: string;
  /** Lowercase hex. */
  sha256: string;
  size: number;
}

export interface IndexProblem {
  /** 1-based, as printed in `file:line:col`. */
  line: number;
  column: number;
  message: string;
}

export const MAX_PACKET_PATH = 1000;
/** One more than the manifest schema allows evidence documents, plus the generated files. */
export const MAX_INDEX_ENTRIES = 5010;

/** Why a string cannot name a file inside a packet, or null when it can. */
export function packetPathProblem(p: string): string | null {
  if (p.length === 0) return 'is empty';
  if (p.length > MAX_PACKET_PATH) return `is longer than ${MAX_PACKET_PATH} characters`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(p)) return 'contains a control character';
  if (p.includes('\\')) return 'contains a backslash';
  if (p.startsWith('/') || /^[A-Za-z]:/.test(p)) return 'is an absolute path';
  const segments = p.split('/');
  if (segments.includes('..')) return 'contains a ".." segment';
  if (segments.some((s) => s === '' || s === '.')) return 'has an empty or "." segment';
  return null;
}

/** Packet order: by the UTF-8 bytes of the path, the same in every language and locale. */
export function comparePacketPaths(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** The canonical index text. Throws on an entry that breaks the format (callers check paths first). */
export function formatIndex(entries: readonly IndexEntry[]): string {
  const sorted = [...entries].sort((a, b) => comparePacketPaths(a.path, b.path));
  const lines = [PACKET_INDEX_HEADER];
  sorted.forEach((e, i) => {
    const problem = packetPathProblem(e.path);
    if (problem) throw new Error(`packet path "${e.path}" ${problem}`);
    if (i > 0 && sorted[i - 1]!.path === e.path) throw new Error(`packet path "${e.path}" is listed twice`);
    if (!/^[0-9a-f]{64}$/.test(e.sha256)) throw new Error(`SHA-256 of "${e.path}" is not 64 lowercase hex digits`);
    if (!Number.isSafeInteger(e.size) || e.size < 0) throw new Error(`size of "${e.path}" is not a byte count`);
    lines.push(`${e.sha256} ${e.size} ${e.path}`);
  });
  return lines.join('\n') + '\n';
}

/** SHA-256 (hex) of the index's UTF-8 bytes. */
export function rootHash(indexText: string): string {
  return crypto.createHash('sha256').update(indexText, 'utf8').digest('hex');
}

/** Reads an index strictly: anything formatIndex would not have written is a problem with its position. */
export function parseIndex(text: string): { entries: IndexEntry[]; problems: IndexProblem[] } {
  const problems: IndexProblem[] = [];
  const entries: IndexEntry[] = [];
  if (!text.endsWith('\n')) problems.push({ line: Math.max(1, text.split('\n').length), column: 1, message: 'the index does not end with a newline' });
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  if (lines[0] !== PACKET_INDEX_HEADER) problems.push({ line: 1, column: 1, message: `the first line must be "${PACKET_INDEX_HEADER}"` });
  if (lines.length - 1 > MAX_INDEX_ENTRIES) {
    problems.push({ line: MAX_INDEX_ENTRIES + 2, column: 1, message: `more than ${MAX_INDEX_ENTRIES} files` });
    return { entries, problems };
  }
  for (let i = 1; i < lines.length; i++) {
    const m = /^([0-9a-f]{64}) (0|[1-9][0-9]{0,15}) (.+)$/.exec(lines[i]!);
    if (!m) {
      problems.push({ line: i + 1, column: 1, message: 'expected "<sha256> <size> <path>" (64 lowercase hex digits, a byte count, a path)' });
      continue;
    }
    const [, sha256, size, p] = m as unknown as [string, string, string, string];
    const problem = packetPathProblem(p);
    if (problem) {
      problems.push({ line: i + 1, column: 66 + size.length + 1, message: `path "${p}" ${problem}` });
      continue;
    }
    const previous = entries[entries.length - 1];
    if (previous && comparePacketPaths(previous.path, p) >= 0) {
      problems.push({
        line: i + 1,
        column: 66 + size.length + 1,
        message: previous.path === p ? `"${p}" is listed twice` : `"${p}" is out of order (paths are sorted by their UTF-8 bytes)`,
      });
      continue;
    }
    entries.push({ path: p, sha256, size: Number(size) });
  }
  return { entries, problems };
}

export interface IndexDiff {
  /** In the packet, not in the index. */
  added: IndexEntry[];
  /** In the index, not in the packet. */
  removed: IndexEntry[];
  /** In both with another hash or size. */
  changed: { path: string; expected: IndexEntry; actual: IndexEntry }[];
}

/** What differs between the files an index lists and the files found. */
export function diffIndex(expected: readonly IndexEntry[], actual: readonly IndexEntry[]): IndexDiff {
  const found = new Map(actual.map((e) => [e.path, e]));
  const listed = new Map(expected.map((e) => [e.path, e]));
  const byPath = (a: { path: string }, b: { path: string }): number => comparePacketPaths(a.path, b.path);
  return {
    added: actual.filter((e) => !listed.has(e.path)).sort(byPath),
    removed: expected.filter((e) => !found.has(e.path)).sort(byPath),
    changed: expected
      .filter((e) => found.has(e.path) && (found.get(e.path)!.sha256 !== e.sha256 || found.get(e.path)!.size !== e.size))
      .map((e) => ({ path: e.path, expected: e, actual: found.get(e.path)! }))
      .sort(byPath),
  };
}

/** The manifest and its evidence: the entries the evidence root covers. */
export function evidenceEntries(entries: readonly IndexEntry[]): IndexEntry[] {
  return entries.filter((e) => !GENERATED_FILES.includes(e.path) && !INDEX_FILES.includes(e.path));
}
