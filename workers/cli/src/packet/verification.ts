/**
 * What `isccc verify` decides about a packet read by read.ts: the files against the index (added, removed,
 * changed), the root against the one quoted, the signature against the signer's key, and the manifest's stated
 * hashes against the files packed with it.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import {
  diffIndex,
  evidenceEntries,
  formatIndex,
  type IndexDiff,
  type IndexEntry,
  PACKET_FILES,
  parseIndex,
  parseManifest,
  rootHash,
  formatPath,
} from '@isccc/rules';
import { InputError } from '../io.js';
import type { PacketContent } from './read.js';

export interface Verification {
  location: string;
  /** Files the index lists, and files the packet holds (index files aside). */
  listed: number;
  files: number;
  /** SHA-256 of the packet's index as it is. */
  root: string;
  expectedRoot: string | null;
  /** The root over the manifest and evidence entries of the index: what the editor shows for the manifest. */
  evidenceRoot: string;
  diff: IndexDiff;
  signature: { state: 'absent' | 'valid' | 'invalid' | 'missing'; fingerprint?: string; keyFrom?: 'packet' | '--key' };
  /** Where the packed manifest disagrees with what was packed with it. */
  manifestProblems: string[];
  ok: boolean;
}

/** SHA-256 of a public key's SPKI encoding: what a reviewer compares with the key the applicant registered. */
export function keyFingerprint(key: crypto.KeyObject): string {
  return crypto
    .createHash('sha256')
    .update(key.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

export function verifyContent(location: string, content: PacketContent, options: { root?: string; key?: crypto.KeyObject }): Verification {
  const indexBytes = content.small.get(PACKET_FILES.index);
  if (!indexBytes) throw new InputError(`${location} is not an isccc packet: it has no ${PACKET_FILES.index}`);
  const indexText = indexBytes.toString('utf8');
  const parsed = parseIndex(indexText);
  if (parsed.problems.length > 0) {
    throw new InputError(
      parsed.problems.map((p) => `${path.join(location, PACKET_FILES.index)}:${p.line}:${p.column}: error [packet/index] ${p.message}`).join('\n'),
    );
  }
  const actual: IndexEntry[] = [...content.files].map(([p, f]) => ({ path: p, ...f }));
  const diff = diffIndex(parsed.entries, actual);
  const root = rootHash(indexText);
  const expectedRoot = options.root?.toLowerCase() ?? null;
  const signature = checkSignature(content, indexBytes, options.key);
  const manifestProblems = checkManifest(location, content, parsed.entries);
  const clean = diff.added.length === 0 && diff.removed.length === 0 && diff.changed.length === 0;
  return {
    location,
    listed: parsed.entries.length,
    files: actual.length,
    root,
    expectedRoot,
    evidenceRoot: rootHash(formatIndex(evidenceEntries(parsed.entries))),
    diff,
    signature,
    manifestProblems,
    ok:
      clean &&
      (expectedRoot === null || expectedRoot === root) &&
      (signature.state === 'absent' || signature.state === 'valid') &&
      manifestProblems.length === 0,
  };
}

function checkSignature(content: PacketContent, indexBytes: Buffer, given: crypto.KeyObject | undefined): Verification['signature'] {
  const sig = content.small.get(PACKET_FILES.signature);
  if (!sig) return { state: given ? 'missing' : 'absent' };
  let key = given;
  if (!key) {
    const pem = content.small.get(PACKET_FILES.signer);
    if (!pem) return { state: 'invalid' };
    try {
      key = crypto.createPublicKey(pem);
    } catch {
      return { state: 'invalid' };
    }
  }
  const keyFrom = given ? '--key' : 'packet';
  let valid: boolean;
  try {
    valid = key.asymmetricKeyType === 'ed25519' && crypto.verify(null, indexBytes, key, Buffer.from(sig.toString('utf8').trim(), 'base64'));
  } catch {
    valid = false;
  }
  return { state: valid ? 'valid' : 'invalid', fingerprint: keyFingerprint(key), keyFrom };
}

/** The one root-level manifest's evidence list, compared with the index: the self-assessment speaks of these files. */
function checkManifest(location: string, content: PacketContent, index: IndexEntry[]): string[] {
  const names = [...content.small.keys()].filter((p) => !p.includes('/') && p.endsWith('.isccc.yaml'));
  if (names.length !== 1)
    return names.length === 0
      ? ['the packet holds no manifest (*.isccc.yaml) at its top level']
      : [`the packet holds ${names.length} manifests at its top level`];
  const name = names[0]!;
  const file = path.join(location, name);
  const parsed = parseManifest(content.small.get(name)!.toString('utf8'), file);
  if (!parsed.manifest) return parsed.problems.map((p) => `${file}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.message}`);
  const listed = new Map(index.map((e) => [e.path, e]));
  const problems: string[] = [];
  parsed.manifest.evidence.forEach((e, i) => {
    const at = `${file}:${parsed.source.rangeOf(['evidence', i, 'path']).start.line + 1}`;
    const inPacket = path.posix.relative('/', path.posix.resolve('/', e.path));
    const entry = listed.get(inPacket);
    if (path.posix.isAbsolute(e.path) || e.path.split('/').includes('..') || !entry) {
      problems.push(`${at}: ${formatPath(['evidence', i])} ${e.path} is not in the packet`);
    } else if (entry.sha256 !== e.sha256) {
      problems.push(`${at}: ${formatPath(['evidence', i])} ${e.path}: the manifest states SHA-256 ${e.sha256}, the packet lists ${entry.sha256}`);
    }
  });
  return problems;
}

export function formatVerification(v: Verification): string {
  const lines = [`${v.location}: ${v.listed} files listed in ${PACKET_FILES.index}, ${v.files} in the packet`];
  for (const e of v.diff.changed) {
    const what = e.expected.sha256 !== e.actual.sha256 ? `SHA-256 ${e.expected.sha256} → ${e.actual.sha256}` : '';
    const size = e.expected.size !== e.actual.size ? `size ${e.expected.size} → ${e.actual.size} bytes` : '';
    lines.push(`  changed  ${e.path}  (${[what, size].filter(Boolean).join(', ')})`);
  }
  for (const e of v.diff.added) lines.push(`  added    ${e.path}  (not in the index; ${e.size} bytes, SHA-256 ${e.sha256})`);
  for (const e of v.diff.removed) lines.push(`  removed  ${e.path}  (listed in the index, not in the packet)`);
  for (const p of v.manifestProblems) lines.push(`  manifest ${p}`);
  if (v.expectedRoot === null) lines.push(`root ${v.root} (no --root given to compare with)`);
  else lines.push(v.expectedRoot === v.root ? `root ${v.root} matches --root` : `root ${v.root} does NOT match --root ${v.expectedRoot}`);
  lines.push(`evidence root ${v.evidenceRoot}`);
  const s = v.signature;
  if (s.state === 'absent') lines.push('signature: none');
  else if (s.state === 'missing') lines.push(`signature: none, but --key was given`);
  else
    lines.push(
      `signature: ${s.state}${s.fingerprint ? ` (Ed25519 key ${s.fingerprint}, from ${s.keyFrom === '--key' ? '--key' : `${PACKET_FILES.signer} in the packet`})` : ''}`,
    );
  lines.push(v.ok ? 'verified: nothing was added, removed or changed' : 'NOT verified');
  return lines.join('\n');
}
