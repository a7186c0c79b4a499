import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadManifestFile } from '@isccc/rules';
import { cliRoot, example, EXAMPLES, isccc } from './helpers.js';
import { python } from './support/python.js';
import { evidenceRootOf, rootOfLines, sha256sum } from './support/roots.js';

const ZIP_TOOL = path.join(cliRoot, 'test', 'support', 'zip-tool.py');
const zipTool = (...args: string[]) => {
  const r = python(ZIP_TOOL, ...args);
  assert.equal(r.code, 0, r.err);
  return r.out;
};
/** The entries of a zip as Python's zipfile reads them. */
const entries = (zip: string) => (JSON.parse(zipTool('inspect', zip)) as { entries: { name: string; sha256: string; size: number; mode: number }[] }).entries;
const rootOf = (out: string) => /^root ([0-9a-f]{64})$/m.exec(out)?.[1];

describe('isccc packet and isccc verify: a tamper-evident submission (6.2, 6.3)', function () {
  this.timeout(120_000);
  let work: string;
  before(() => (work = fs.mkdtempSync(path.join(os.tmpdir(), 'isccc-packet-'))));
  after(() => fs.rmSync(work, { recursive: true, force: true }));

  for (const name of EXAMPLES) {
    it(`${name}: packs manifest, form, application and evidence; Python's zipfile agrees with the index and the printed roots`, () => {
      const zip = path.join(work, `${name}.zip`);
      const r = isccc('packet', example(name), '-o', zip);
      assert.equal(r.code, 0, r.err);
      const manifest = loadManifestFile(example(name)).manifest!;
      const found = entries(zip);
      const byName = new Map(found.map((e) => [e.name, e]));
      assert.deepEqual(
        [...byName.keys()].sort(),
        [
          'application.json',
          'isccc-index.txt',
          'manifest.isccc.yaml',
          'self-assessment.html',
          'self-assessment.xlsx',
          ...new Set(manifest.evidence.map((e) => e.path)),
        ].sort(),
      );
      for (const e of manifest.evidence) assert.equal(byName.get(e.path)!.sha256, e.sha256, `${e.path} is packed as the manifest states it`);
      assert.equal(byName.get('manifest.isccc.yaml')!.sha256, sha256sum(example(name)));
      // The index lists every other entry with its hash and size, and the printed root is the hash of the index.
      const dir = path.join(work, `${name}-x`);
      assert.equal(isccc('verify', zip, '--extract', dir).code, 0);
      const index = fs.readFileSync(path.join(dir, 'isccc-index.txt'), 'utf8');
      const lines = new Map(found.filter((e) => e.name !== 'isccc-index.txt').map((e) => [e.name, `${e.sha256} ${e.size} ${e.name}`]));
      assert.equal(
        rootOfLines(lines),
        sha256sum(path.join(dir, 'isccc-index.txt')),
        'the index is canonical: rebuilding it from the entries gives the same bytes',
      );
      assert.equal(index.split('\n')[0], 'isccc-packet-index/v1');
      assert.equal(rootOf(r.out), sha256sum(path.join(dir, 'isccc-index.txt')));
      assert.match(r.out, new RegExp(`^evidence root ${evidenceRootOf(example(name), manifest)} `, 'm'));
      for (const e of found) assert.equal(e.mode & 0o170000, 0o100000, `${e.name} is a regular file`);
      // The packed manifest checks exactly as the original does.
      const original = JSON.parse(isccc('check', example(name), '--format', 'json').out) as { findings: unknown[] };
      const packed = JSON.parse(isccc('check', path.join(dir, 'manifest.isccc.yaml'), '--format', 'json').out) as { findings: { related: unknown }[] };
      const strip = (fs: unknown[]) => fs.map((f) => ({ ...(f as object), related: undefined, docUrl: undefined }));
      assert.deepEqual(strip(packed.findings), strip(original.findings));
      const v = isccc('verify', zip, '--root', rootOf(r.out)!);
      assert.equal(v.code, 0, v.out + v.err);
      assert.match(v.out, /matches --root\n/);
      assert.match(v.out, /verified: nothing was added, removed or changed\n$/);
    });
  }

  it('-o DIR writes the same packet as a folder, which verifies too', () => {
    const dir = path.join(work, 'as-folder');
    const r = isccc('packet', example('emergency-response-l1'), '-o', dir);
    assert.equal(r.code, 0, r.err);
    assert.equal(rootOf(r.out), sha256sum(path.join(dir, 'isccc-index.txt')));
    const v = isccc('verify', dir, '--root', rootOf(r.out)!);
    assert.equal(v.code, 0, v.out + v.err);
    const evidenceRoot = /^evidence root ([0-9a-f]{64})/m.exec(r.out)![1];
    assert.equal(evidenceRoot, evidenceRootOf(example('emergency-response-l1'), loadManifestFile(example('emergency-response-l1')).manifest!));
    fs.appendFileSync(path.join(dir, 'evidence', 'er-toolkit.md'), 'x');
    fs.symlinkSync('/etc/passwd', path.join(dir, 'evidence', 'passwd.md'));
    const hostile = isccc('verify', dir);
    assert.equal(hostile.code, 2);
    assert.match(hostile.err, /entry "evidence\/passwd\.md" is a symbolic link; the packet is refused/);
    fs.rmSync(path.join(dir, 'evidence', 'passwd.md'));
    const changed = isccc('verify', dir);
    assert.equal(changed.code, 1);
    assert.match(changed.out, /^ {2}changed {2}evidence\/er-toolkit\.md {2}\(SHA-256 [0-9a-f]{64} → [0-9a-f]{64}, size \d+ → \d+ bytes\)$/m);
  });

  describe('tampering: verify names exactly what was added, removed or changed (exit 1)', () => {
    let zip: string;
    let root: string;
    before(() => {
      zip = path.join(work, 'original.zip');
      const r = isccc('packet', example('risk-assessment-l3-pass'), '-o', zip);
      assert.equal(r.code, 0, r.err);
      root = rootOf(r.out)!;
    });
    const forged = (spec: object) => {
      const file = path.join(work, `forged-${crypto.randomUUID()}.zip`);
      zipTool('rewrite', zip, file, JSON.stringify(spec));
      return file;
    };

    it('a changed, an added and a removed file', () => {
      const file = forged({
        change: { 'evidence/office-lease.md': 'amended after the self-assessment\n' },
        add: { 'evidence/late.md': 'late' },
        drop: ['evidence/audit-2023.md'],
      });
      const r = isccc('verify', file, '--root', root);
      assert.equal(r.code, 1);
      const report = r.out.split('\n').filter((l) => /^ {2}(changed|added|removed) /.test(l));
      assert.equal(report.length, 3, r.out);
      assert.match(
        report[0]!,
        /^ {2}changed {2}evidence\/office-lease\.md {2}\(SHA-256 29ddccb0a0266588843c9d97f8f25b8e4b872c09e55ef4e187a0a42b4b54a0c0 → [0-9a-f]{64}, size 213 → 247 bytes\)$/,
      );
      assert.match(report[1]!, /^ {2}added {4}evidence\/late\.md {2}\(not in the index; 4 bytes, SHA-256 [0-9a-f]{64}\)$/);
      assert.match(report[2]!, /^ {2}removed {2}evidence\/audit-2023\.md {2}\(listed in the index, not in the packet\)$/);
      assert.match(r.out, new RegExp(`root ${root} matches --root`), 'the index itself is untouched');
      assert.match(r.out, /NOT verified\n$/);
      const json = JSON.parse(isccc('verify', file, '--format', 'json').out) as {
        ok: boolean;
        diff: Record<'added' | 'removed' | 'changed', { path: string }[]>;
      };
      assert.equal(json.ok, false);
      assert.deepEqual(Object.fromEntries(Object.entries(json.diff).map(([k, v]) => [k, v.map((e) => e.path)])), {
        added: ['evidence/late.md'],
        removed: ['evidence/audit-2023.md'],
        changed: ['evidence/office-lease.md'],
      });
      const target = path.join(work, 'not-extracted');
      assert.equal(isccc('verify', file, '--extract', target).code, 1);
      assert.ok(!fs.existsSync(target), 'a packet that does not verify is not extracted');
      const existing = isccc('verify', zip, '--extract', work);
      assert.equal(existing.code, 2);
      assert.match(existing.err, /--extract: .* already exists; name a new folder/);
    });

    it('a changed document with a rewritten index: the manifest no longer agrees, and the root does not match', () => {
      const file = forged({ change: { 'evidence/office-lease.md': 'x' }, reindex: true });
      const without = isccc('verify', file);
      assert.equal(without.code, 1);
      assert.match(
        without.out,
        /^ {2}manifest .*manifest\.isccc\.yaml:\d+: evidence\[1\] evidence\/office-lease\.md: the manifest states SHA-256 29ddccb0a0266588843c9d97f8f25b8e4b872c09e55ef4e187a0a42b4b54a0c0, the packet lists [0-9a-f]{64}$/m,
      );
      const withRoot = isccc('verify', file, '--root', root);
      assert.equal(withRoot.code, 1);
      assert.match(withRoot.out, new RegExp(`root [0-9a-f]{64} does NOT match --root ${root}`));
    });

    it('a rewritten form with a rewritten index passes every internal check: only the quoted root catches it', () => {
      const file = forged({ change: { 'self-assessment.html': '<!-- 全部符合 -->' }, reindex: true });
      assert.equal(isccc('verify', file).code, 0);
      const r = isccc('verify', file, '--root', root);
      assert.equal(r.code, 1);
      assert.match(r.out, /does NOT match --root/);
    });

    it('a packet without an index or with a malformed one is bad input (exit 2, file:line:col)', () => {
      const noIndex = isccc('verify', forged({ drop: ['isccc-index.txt'] }));
      assert.equal(noIndex.code, 2);
      assert.match(noIndex.err, /is not an isccc packet: it has no isccc-index\.txt/);
      const bad = isccc('verify', forged({ change: { 'isccc-index.txt': 'not a line\n' } }));
      assert.equal(bad.code, 2);
      assert.match(bad.err, /isccc-index\.txt:\d+:1: error \[packet\/index\] expected "<sha256> <size> <path>"/);
    });
  });

  describe('Ed25519 signature', () => {
    let keys: { priv: string; pub: string; otherPub: string; rsa: string };
    let zip: string;
    before(() => {
      const write = (file: string, text: string) => (fs.writeFileSync(path.join(work, file), text), path.join(work, file));
      const pair = crypto.generateKeyPairSync('ed25519');
      const other = crypto.generateKeyPairSync('ed25519');
      keys = {
        priv: write('signer.pem', pair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string),
        pub: write('signer.pub.pem', pair.publicKey.export({ type: 'spki', format: 'pem' }) as string),
        otherPub: write('other.pub.pem', other.publicKey.export({ type: 'spki', format: 'pem' }) as string),
        rsa: write('rsa.pem', crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string),
      };
      zip = path.join(work, 'signed.zip');
      const r = isccc('packet', example('disaster-recovery-a-l2'), '-o', zip, '--sign', keys.priv);
      assert.equal(r.code, 0, r.err);
      const fingerprint = crypto
        .createHash('sha256')
        .update(pair.publicKey.export({ type: 'spki', format: 'der' }))
        .digest('hex');
      assert.match(r.out, new RegExp(`signed with Ed25519 key ${fingerprint}`));
    });

    it('verifies with the signer’s key, and fails with another key', () => {
      const good = isccc('verify', zip, '--key', keys.pub);
      assert.equal(good.code, 0, good.out);
      assert.match(good.out, /signature: valid \(Ed25519 key [0-9a-f]{64}, from --key\)/);
      const wrong = isccc('verify', zip, '--key', keys.otherPub);
      assert.equal(wrong.code, 1);
      assert.match(wrong.out, /signature: invalid/);
    });

    it('a rewritten index breaks the signature, even with the key the packet carries', () => {
      const file = path.join(work, 'signed-forged.zip');
      zipTool('rewrite', zip, file, JSON.stringify({ change: { 'self-assessment.html': ' ' }, reindex: true }));
      const r = isccc('verify', file);
      assert.equal(r.code, 1);
      assert.match(r.out, /signature: invalid \(Ed25519 key [0-9a-f]{64}, from isccc-signer\.pem in the packet\)/);
    });

    it('--key on an unsigned packet fails; a key that is not Ed25519 is refused', () => {
      const unsigned = path.join(work, 'unsigned.zip');
      assert.equal(isccc('packet', example('disaster-recovery-a-l2'), '-o', unsigned).code, 0);
      const r = isccc('verify', unsigned, '--key', keys.pub);
      assert.equal(r.code, 1);
      assert.match(r.out, /signature: none, but --key was given/);
      const rsa = isccc('packet', example('disaster-recovery-a-l2'), '-o', path.join(work, 'rsa.zip'), '--sign', keys.rsa);
      assert.equal(rsa.code, 2);
      assert.match(rsa.err, /--sign: .*rsa\.pem is a rsa key; the packet is signed with Ed25519/);
      assert.ok(!fs.existsSync(path.join(work, 'rsa.zip')));
    });
  });

  describe('hostile packets are refused before anything is read or written (exit 2)', () => {
    const cases: [string, RegExp][] = [
      ['slip', /entry "\.\.\/isccc-slip\.txt" contains a "\.\." segment; the packet is refused and nothing was extracted from it/],
      ['absolute', /entry "\/tmp\/isccc-absolute\.txt" is an absolute path/],
      ['backslash', /entry "evidence\\\.\.\\\.\.\\isccc-backslash\.txt" contains a backslash/],
      ['symlink', /entry "evidence\/passwd\.md" is a symbolic link/],
      ['bomb', /entry "evidence\/zeros\.md" inflates \d+× \(over 200×\): a zip bomb/],
      ['lying-size', /entry "evidence\/noise\.md" cannot be read \(too many bytes in the stream/],
      ['many-entries', /has 6001 entries; a packet has at most \d+/],
      ['duplicate', /entry "evidence\/a\.md" appears twice/],
    ];
    for (const [kind, message] of cases) {
      it(kind, () => {
        const zip = path.join(work, `hostile-${kind}.zip`);
        zipTool('hostile', kind, zip);
        const target = path.join(work, `extract-${kind}`, 'inside');
        const r = isccc('verify', zip, '--extract', target);
        assert.equal(r.code, 2, r.out + r.err);
        assert.match(r.err, message);
        assert.doesNotMatch(r.err, /^\s+at /m);
        assert.ok(!fs.existsSync(path.join(work, `extract-${kind}`)), 'nothing extracted');
        assert.ok(!fs.existsSync(path.join(work, 'isccc-slip.txt')) && !fs.existsSync('/tmp/isccc-absolute.txt'), 'nothing written outside');
      });
    }

    it('a file that is not a zip', () => {
      const file = path.join(work, 'not-a.zip');
      fs.writeFileSync(file, 'PK but not really');
      const r = isccc('verify', file);
      assert.equal(r.code, 2);
      assert.match(r.err, /not-a\.zip is not a readable zip file/);
    });
  });

  describe('isccc packet refuses what it cannot pack', () => {
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'isccc-packet-src-'));
      fs.cpSync(path.dirname(example('risk-assessment-l3-pass')), dir, { recursive: true });
    });
    afterEach(() => fs.rmSync(dir, { recursive: true }));
    const line = (file: string, needle: string) =>
      fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .findIndex((l) => l.includes(needle)) + 1;

    it('a missing or changed evidence file: exit 1 at the manifest line, clause named, nothing written', () => {
      const manifest = path.join(dir, 'manifest.isccc.yaml');
      fs.rmSync(path.join(dir, 'evidence', 'audit-2024.md'));
      fs.appendFileSync(path.join(dir, 'evidence', 'office-lease.md'), 'amended');
      const out = path.join(dir, 'packet.zip');
      const r = isccc('packet', manifest, '-o', out);
      assert.equal(r.code, 1);
      assert.match(
        r.err,
        new RegExp(
          `manifest\\.isccc\\.yaml:${line(manifest, 'path: evidence/office-lease.md') + 1}:\\d+: error \\[packet/evidence\\] clause 4\\.1\\.3: evidence evidence/office-lease\\.md: its SHA-256 is [0-9a-f]{64}, not the one stated`,
        ),
      );
      assert.match(
        r.err,
        new RegExp(
          `manifest\\.isccc\\.yaml:${line(manifest, 'path: evidence/audit-2024.md')}:\\d+: error \\[packet/evidence\\] clause 4\\.1\\.2: evidence evidence/audit-2024\\.md: missing`,
        ),
      );
      assert.ok(!fs.existsSync(out));
    });

    it('a bad manifest: exit 2 with file:line:col', () => {
      const r = isccc('packet', path.join(cliRoot, 'test', 'fixtures', 'bad', 'unknown-clause.isccc.yaml'), '-o', path.join(dir, 'p.zip'));
      assert.equal(r.code, 2);
      assert.match(r.err, /unknown-clause\.isccc\.yaml:66:25: error \[manifest\/unknown-clause\] clause 4\.9\.9 z\)/);
    });

    it('an evidence file named like a file the packet writes', () => {
      const manifest = path.join(dir, 'manifest.isccc.yaml');
      fs.copyFileSync(path.join(dir, 'evidence', 'office-lease.md'), path.join(dir, 'application.json'));
      fs.writeFileSync(manifest, fs.readFileSync(manifest, 'utf8').replace('path: evidence/office-lease.md', 'path: application.json'));
      const r = isccc('packet', manifest, '-o', path.join(dir, 'p.zip'));
      assert.equal(r.code, 2);
      assert.match(r.err, /application\.json is listed in the manifest, but a packet writes its own file of that name/);
    });

    it('an existing output is replaced only with --force; a folder only if empty', () => {
      const manifest = path.join(dir, 'manifest.isccc.yaml');
      const out = path.join(dir, 'p.zip');
      fs.writeFileSync(out, 'mine');
      const r = isccc('packet', manifest, '-o', out);
      assert.equal(r.code, 2);
      assert.match(r.err, /p\.zip already exists \(use --force to replace it\)/);
      assert.equal(fs.readFileSync(out, 'utf8'), 'mine');
      assert.equal(isccc('packet', manifest, '-o', out, '--force').code, 0);
      assert.equal(isccc('verify', out).code, 0);
      const folder = isccc('packet', manifest, '-o', path.join(dir, 'evidence'));
      assert.equal(folder.code, 2);
      assert.match(folder.err, /evidence exists and is not an empty folder/);
    });

    it('wrong arguments print the usage', () => {
      for (const args of [['packet', path.join(dir, 'manifest.isccc.yaml')], ['verify'], ['verify', 'p.zip', '--root', 'abc']]) {
        const r = isccc(...args);
        assert.equal(r.code, 2, args.join(' '));
        assert.match(r.err, /usage:/);
      }
    });
  });
});
