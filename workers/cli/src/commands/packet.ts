/**
 * `isccc packet <manifest> -o packet.zip|DIR`: what the applicant submits (6.2) — the manifest, the self-assessment
 * form, the application data and every evidence document — with an index of their SHA-256 hashes and sizes and
 * one root hash over it, optionally signed with Ed25519.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatIndex, GENERATED_FILES, INDEX_FILES, type IndexEntry, PACKET_FILES, rootHash } from '@isccc/rules';
import { formatProblems, location } from '../check-formats.js';
import { renderForm, submissionOf } from '../form/submission.js';
import { guarded, InputError, type Io, UsageError } from '../io.js';
import { loadEvaluated, TARGET_OPTIONS, TARGET_USAGE, targetChoice } from '../manifest-input.js';
import { MESSAGES } from '../messages.js';
import { readPacket } from '../packet/read.js';
import { keyFingerprint, verifyContent } from '../packet/verification.js';
import { isZipTarget, type PacketFile, writePacket } from '../packet/write.js';

export const PACKET_USAGE = `usage:
  isccc packet <manifest.isccc.yaml> -o packet.zip|DIR [--sign KEY.pem] [--force] ${TARGET_USAGE}

Packs what the applicant submits (6.2): the manifest, ${PACKET_FILES.formXlsx} and ${PACKET_FILES.formHtml}
(isccc form), ${PACKET_FILES.application} (isccc application) and every evidence document at its path, with
${PACKET_FILES.index}: one line "<sha256> <size> <path>" per file, sorted. The root hash printed at the end is
the SHA-256 of that index (sha256sum ${PACKET_FILES.index}); quote it in the application so the reviewer
(6.3) can tell whether anything changed: isccc verify packet.zip --root <hash>.

  -o packet.zip    a zip file (an existing one only with --force); any other name is a new folder
  --sign KEY.pem   sign the index with an Ed25519 private key (PKCS #8 PEM, e.g. openssl genpkey -algorithm ed25519);
                   the signature and the public key go into ${PACKET_FILES.signature} and ${PACKET_FILES.signer}

exit codes: 0 written and verified, 1 not written: an evidence file is missing, unreadable, outside the
manifest's folder or differs from its stated SHA-256, 2 bad input`;

export function packetCommand(argv: string[], io: Io): Promise<number> {
  return guarded('packet', PACKET_USAGE, io, async () => {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        ...TARGET_OPTIONS,
        out: { type: 'string', short: 'o' },
        sign: { type: 'string' },
        force: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      io.out(PACKET_USAGE);
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError('packet takes exactly one manifest file');
    if (!values.out) throw new UsageError('packet needs -o packet.zip or -o DIR');
    const choice = targetChoice(values);
    const key = values.sign === undefined ? undefined : signingKey(values.sign);
    const file = positionals[0]!;
    const loaded = loadEvaluated(file, choice);
    if ('problems' in loaded) {
      io.err(formatProblems(loaded.problems, choice.lang));
      return 2;
    }
    const submission = submissionOf(loaded);
    const { evidence } = submission;
    if (evidence.problems.length > 0) {
      io.err(
        evidence.problems
          .map((p) => {
            const range = loaded.parsed.source.rangeOf(['evidence', p.index, p.problem === 'hash-mismatch' ? 'sha256' : 'path']);
            const clauses = p.entry.supports.map((id) => loaded.catalog.get(id)?.label ?? id).join(', ');
            const why = p.problem === 'hash-mismatch' ? `its SHA-256 is ${p.detail}, not the one stated` : `${p.problem}${p.detail ? ` (${p.detail})` : ''}`;
            return `${location(file, { range })}: error [packet/evidence] clause ${clauses}: evidence ${p.entry.path}: ${why}`;
          })
          .join('\n') + '\nno packet written: fix the evidence list (isccc check shows the same findings)',
      );
      return 1;
    }
    const taken = new Set([...GENERATED_FILES, ...INDEX_FILES]);
    const clash = evidence.entries.find((e) => taken.has(e.path));
    if (clash) throw new InputError(`${clash.path} is listed in the manifest, but a packet writes its own file of that name; rename it`);

    const { xlsx, html } = await renderForm(submission);
    const generated = new Map<string, Buffer>([
      [PACKET_FILES.formXlsx, xlsx],
      [PACKET_FILES.formHtml, Buffer.from(html, 'utf8')],
      [PACKET_FILES.application, Buffer.from(JSON.stringify(submission.application, null, 2) + '\n', 'utf8')],
    ]);
    const root = fs.realpathSync(path.dirname(path.resolve(file)));
    // Files keep their paths relative to the manifest's folder, so the packed manifest checks as it did.
    const files: PacketFile[] = evidence.entries.map((e) => ({ path: e.path, content: { file: path.join(root, ...e.path.split('/')) } }));
    const entries: IndexEntry[] = [...evidence.entries];
    for (const [p, bytes] of generated) {
      files.push({ path: p, content: bytes });
      entries.push({ path: p, sha256: crypto.createHash('sha256').update(bytes).digest('hex'), size: bytes.length });
    }
    const index = formatIndex(entries);
    const indexBytes = Buffer.from(index, 'utf8');
    files.push({ path: PACKET_FILES.index, content: indexBytes });
    if (key) {
      files.push({ path: PACKET_FILES.signature, content: Buffer.from(crypto.sign(null, indexBytes, key).toString('base64') + '\n') });
      files.push({ path: PACKET_FILES.signer, content: Buffer.from(crypto.createPublicKey(key).export({ type: 'spki', format: 'pem' })) });
    }
    const out = values.out;
    await writePacket(out, files, new Date(`${loaded.evaluation.asOf}T00:00:00Z`), values.force);

    // Read back what was written, as a reviewer would: a file that changed while packing shows up here.
    const check = verifyContent(out, await readPacket(out), { root: rootHash(index) });
    if (!check.ok) {
      fs.rmSync(out, { recursive: true, force: true });
      throw new InputError(`the packet did not verify after writing (did a file change while packing?); removed ${out}`);
    }
    const total = entries.reduce((sum, e) => sum + e.size, 0);
    io.out(
      [
        `wrote ${out}${isZipTarget(out) ? '' : '/'}: ${entries.length} files, ${total} bytes, index ${PACKET_FILES.index}`,
        `root ${check.root}`,
        `  ${MESSAGES['packet.quote-root']()[choice.lang]}`,
        `evidence root ${check.evidenceRoot} (the manifest and its evidence files alone)`,
        ...(key ? [`signed with Ed25519 key ${keyFingerprint(crypto.createPublicKey(key))}`] : []),
      ].join('\n'),
    );
    return 0;
  });
}

function signingKey(file: string): crypto.KeyObject {
  let key: crypto.KeyObject;
  try {
    const stat = fs.statSync(file);
    if (stat.size > 64 * 1024) throw new Error('larger than 64 KB');
    key = crypto.createPrivateKey(fs.readFileSync(file));
  } catch (error) {
    throw new InputError(`--sign: ${file} is not a private key (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  if (key.asymmetricKeyType !== 'ed25519')
    throw new InputError(`--sign: ${file} is a ${key.asymmetricKeyType ?? 'unknown'} key; the packet is signed with Ed25519`);
  return key;
}
