/** `isccc verify <packet>`: recomputes a packet's index and root and names every file added, removed or changed. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { PACKET_FILES } from '@isccc/rules';
import { guarded, InputError, type Io, UsageError } from '../io.js';
import { readPacket } from '../packet/read.js';
import { formatVerification, verifyContent } from '../packet/verification.js';

export const VERIFY_USAGE = `usage:
  isccc verify <packet.zip|DIR> [--root HASH] [--key PUBLIC.pem] [--extract DIR] [--format text|json]

Recomputes the SHA-256 and size of every file in a packet made by isccc packet, compares them with
${PACKET_FILES.index} and names each file added, removed or changed; checks that the packed manifest's
evidence hashes are the packed files'; recomputes the root (the SHA-256 of the index) and compares it with
--root, the hash the applicant quoted; checks the Ed25519 signature, with --key if given, else with the
key in the packet (whose fingerprint is printed). With --extract, a packet that verifies is unpacked
into DIR, a new folder. Entries with "..", absolute paths, symbolic links and zip bombs are refused
before anything is read or written.

exit codes: 0 verified, 1 something was added, removed or changed, the root or the signature does not
match, 2 bad input (not a packet, a hostile entry, a malformed index)`;

export function verifyCommand(argv: string[], io: Io): Promise<number> {
  return guarded('verify', VERIFY_USAGE, io, async () => {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        root: { type: 'string' },
        key: { type: 'string' },
        extract: { type: 'string' },
        format: { type: 'string', default: 'text' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      io.out(VERIFY_USAGE);
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError('verify takes exactly one packet');
    if (values.root !== undefined && !/^[0-9a-fA-F]{64}$/.test(values.root))
      throw new UsageError(`--root must be a SHA-256 (64 hex digits), not "${values.root}"`);
    if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format must be text or json, not "${values.format}"`);
    const key = values.key === undefined ? undefined : publicKey(values.key);
    const packet = positionals[0]!;
    const verification = verifyContent(packet, await readPacket(packet), { ...(values.root ? { root: values.root } : {}), ...(key ? { key } : {}) });
    io.out(values.format === 'json' ? JSON.stringify(verification, null, 2) : formatVerification(verification));
    if (!verification.ok) return 1;
    if (values.extract !== undefined) {
      // Read again while writing: what lands in DIR is checked against the index it was verified with.
      const again = verifyContent(packet, await readPacket(packet, values.extract), { root: verification.root });
      if (!again.ok) throw new InputError(`${packet} changed while it was extracted to ${values.extract}`);
      io.out(`extracted to ${values.extract}`);
    }
    return 0;
  });
}

function publicKey(file: string): crypto.KeyObject {
  let key: crypto.KeyObject;
  try {
    if (fs.statSync(file).size > 64 * 1024) throw new Error('larger than 64 KB');
    key = crypto.createPublicKey(fs.readFileSync(file));
  } catch (error) {
    throw new InputError(`--key: ${file} is not a public key (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  if (key.asymmetricKeyType !== 'ed25519')
    throw new InputError(`--key: ${file} is a ${key.asymmetricKeyType ?? 'unknown'} key; packets are signed with Ed25519`);
  return key;
}
