import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadManifestFile } from '../../src/manifest/load.js';
import { evidenceIndex } from '../../src/packet/evidence-index.js';
import { diffIndex, formatIndex, type IndexEntry, packetPathProblem, parseIndex, rootHash } from '../../src/packet/packet-index.js';
import { packageRoot } from '../../src/paths.js';

const EXAMPLES = path.resolve(packageRoot, '..', 'examples');
const EXAMPLE_NAMES = fs.readdirSync(EXAMPLES).filter((n) => fs.existsSync(path.join(EXAMPLES, n, 'manifest.isccc.yaml')));
const hex = (c: string) => c.repeat(64);

/** sha256sum, a second implementation of SHA-256 that does not go through node:crypto. */
function sha256sum(file: string): string {
  return execFileSync('sha256sum', [file], { encoding: 'utf8' }).split(' ')[0]!;
}

describe('packet index', () => {
  const entries: IndexEntry[] = [
    { path: 'evidence/中文.md', sha256: hex('a'), size: 3 },
    { path: 'manifest.isccc.yaml', sha256: hex('b'), size: 10 },
    { path: 'Evidence/Z.md', sha256: hex('c'), size: 0 },
    { path: 'evidence/z.md', sha256: hex('d'), size: 1234 },
  ];

  it('sorts by the UTF-8 bytes of the path and round-trips', () => {
    const text = formatIndex(entries);
    assert.equal(
      text,
      [
        'isccc-packet-index/v1',
        `${hex('c')} 0 Evidence/Z.md`,
        `${hex('d')} 1234 evidence/z.md`,
        `${hex('a')} 3 evidence/中文.md`,
        `${hex('b')} 10 manifest.isccc.yaml`,
        '',
      ].join('\n'),
    );
    const parsed = parseIndex(text);
    assert.deepEqual(parsed.problems, []);
    assert.equal(formatIndex(parsed.entries), text);
  });

  it('the root is the SHA-256 of the index bytes, as sha256sum computes it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'isccc-index-'));
    const text = formatIndex(entries);
    fs.writeFileSync(path.join(dir, 'isccc-index.txt'), text);
    assert.equal(rootHash(text), sha256sum(path.join(dir, 'isccc-index.txt')));
    fs.rmSync(dir, { recursive: true });
  });

  it('refuses paths that could leave a folder or hide a file', () => {
    for (const [p, reason] of [
      ['../etc/passwd', /"\.\." segment/],
      ['evidence/../../x', /"\.\." segment/],
      ['/etc/passwd', /absolute/],
      ['C:/Windows/x', /absolute/],
      ['evidence\\x.md', /backslash/],
      ['evidence//x.md', /empty or "\."/],
      ['./x.md', /empty or "\."/],
      ['a\nb', /control character/],
      ['', /empty/],
    ] as const) {
      assert.match(packetPathProblem(p) ?? 'accepted', reason, p);
    }
    assert.equal(packetPathProblem('evidence/营业执照 2025.pdf'), null);
    assert.throws(() => formatIndex([{ path: '../x', sha256: hex('a'), size: 1 }]), /"\.\." segment/);
    assert.throws(() => formatIndex([entries[0]!, entries[0]!]), /listed twice/);
  });

  it('reads an index strictly and says where it is wrong', () => {
    const text = [
      'isccc-packet-index/v1',
      `${hex('a')} 1 b.md`,
      `${hex('a')} 1 a.md`,
      `${hex('A')} 1 c.md`,
      `${hex('a')} 01 d.md`,
      `${hex('a')} 1 ../e.md`,
      `${hex('a')} 1 f.md`,
      `${hex('a')} 1 f.md`,
      '',
    ].join('\n');
    const { entries: read, problems } = parseIndex(text);
    assert.deepEqual(
      read.map((e) => e.path),
      ['b.md', 'f.md'],
    );
    assert.deepEqual(
      problems.map((p) => `${p.line}:${p.column} ${p.message}`),
      [
        '3:68 "a.md" is out of order (paths are sorted by their UTF-8 bytes)',
        '4:1 expected "<sha256> <size> <path>" (64 lowercase hex digits, a byte count, a path)',
        '5:1 expected "<sha256> <size> <path>" (64 lowercase hex digits, a byte count, a path)',
        '6:68 path "../e.md" contains a ".." segment',
        '8:68 "f.md" is listed twice',
      ],
    );
    assert.match(parseIndex('something else\n').problems[0]!.message, /first line must be "isccc-packet-index\/v1"/);
    assert.match(parseIndex(`isccc-packet-index/v1\n${hex('a')} 1 a.md`).problems[0]!.message, /does not end with a newline/);
  });

  it('names what was added, removed and changed', () => {
    const actual: IndexEntry[] = [
      { ...entries[0]!, sha256: hex('e') },
      entries[1]!,
      { ...entries[3]!, size: 1235 },
      { path: 'evidence/new.md', sha256: hex('f'), size: 5 },
    ];
    const diff = diffIndex(entries, actual);
    assert.deepEqual(
      diff.added.map((e) => e.path),
      ['evidence/new.md'],
    );
    assert.deepEqual(
      diff.removed.map((e) => e.path),
      ['Evidence/Z.md'],
    );
    assert.deepEqual(
      diff.changed.map((c) => c.path),
      ['evidence/z.md', 'evidence/中文.md'],
    );
  });
});

describe('evidenceIndex: the root of a manifest’s current evidence', () => {
  for (const name of EXAMPLE_NAMES) {
    it(`${name}: lists the manifest and every evidence file with the hash the manifest states`, () => {
      const file = path.join(EXAMPLES, name, 'manifest.isccc.yaml');
      const { manifest } = loadManifestFile(file);
      const result = evidenceIndex({ manifest: manifest!, manifestFile: file });
      assert.deepEqual(result.problems, []);
      const expected = new Map(manifest!.evidence.map((e) => [e.path, e.sha256]));
      expected.set('manifest.isccc.yaml', sha256sum(file));
      assert.deepEqual(new Map(result.entries.map((e) => [e.path, e.sha256])), expected);
      for (const e of result.entries) assert.equal(e.size, fs.statSync(path.join(EXAMPLES, name, e.path)).size);
      assert.equal(result.root, rootHash(result.index));
      assert.equal(result.index, formatIndex(result.entries));
    });
  }

  describe('on a copy whose files change', () => {
    let dir: string;
    let file: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'isccc-evidence-'));
      fs.cpSync(path.join(EXAMPLES, 'risk-assessment-l3-pass'), dir, { recursive: true });
      file = path.join(dir, 'manifest.isccc.yaml');
    });
    afterEach(() => fs.rmSync(dir, { recursive: true }));

    it('a changed document changes the root and is reported with its new hash; a missing one is left out and reported', () => {
      const { manifest } = loadManifestFile(file);
      const before = evidenceIndex({ manifest: manifest!, manifestFile: file });
      fs.appendFileSync(path.join(dir, 'evidence', 'office-lease.md'), 'amended\n');
      fs.rmSync(path.join(dir, 'evidence', 'audit-2023.md'));
      const after = evidenceIndex({ manifest: manifest!, manifestFile: file });
      assert.notEqual(after.root, before.root);
      assert.deepEqual(
        after.problems.map((p) => `${p.entry.path} ${p.problem}`),
        ['evidence/office-lease.md hash-mismatch', 'evidence/audit-2023.md missing'],
      );
      const lease = after.entries.find((e) => e.path === 'evidence/office-lease.md')!;
      assert.equal(lease.sha256, sha256sum(path.join(dir, 'evidence', 'office-lease.md')));
      assert.ok(!after.entries.some((e) => e.path === 'evidence/audit-2023.md'));
    });

    it('an unsaved manifest text is hashed instead of the file', () => {
      const { manifest } = loadManifestFile(file);
      const saved = evidenceIndex({ manifest: manifest!, manifestFile: file });
      const edited = evidenceIndex({ manifest: manifest!, manifestFile: file, manifestText: fs.readFileSync(file, 'utf8') + '# edited\n' });
      assert.notEqual(edited.root, saved.root);
      assert.equal(saved.root, evidenceIndex({ manifest: manifest!, manifestFile: file, manifestText: fs.readFileSync(file, 'utf8') }).root);
    });

    it('normalises evidence paths and never opens a file outside the folder', () => {
      const { manifest } = loadManifestFile(file);
      manifest!.evidence[0]!.path = './evidence//business-licence.md';
      manifest!.evidence.push({ ...manifest!.evidence[1]!, path: '../outside.md' });
      const result = evidenceIndex({ manifest: manifest!, manifestFile: file });
      assert.ok(result.entries.some((e) => e.path === 'evidence/business-licence.md'));
      assert.deepEqual(
        result.problems.map((p) => `${p.entry.path} ${p.problem}`),
        ['../outside.md outside-workspace'],
      );
    });
  });
});
