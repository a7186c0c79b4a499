/**
 * The evidence root over real stdio JSON-RPC, against the real `isccc packet` (workers/cli, built beside this
 * package): the root the server shows for a manifest is the `evidence root` the command prints for it, on every
 * example; it follows edits, saves and files changed on disk; and where a packet cannot be written it names the
 * documents at fault instead.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type CodeLens, CodeLensRequest, FileChangeType } from 'vscode-languageserver-protocol/node';
import { EvidenceRootRequest, type EvidenceRoot } from '../src/protocol.js';
import { EXAMPLES, exampleWorkspace, REPO, type TestClient } from './support/client.js';

const CLI = path.join(REPO, 'workers', 'cli', 'bin', 'isccc.js');
const GENERATED = new Set(['self-assessment.xlsx', 'self-assessment.html', 'application.json']);

interface Packed {
  status: number | null;
  stdout: string;
  stderr: string;
  /** The `evidence root` line, when a packet was written. */
  root?: string;
  /** The packet's index without the files generated from the manifest: the manifest and its evidence. */
  evidence?: { files: number; bytes: number };
}

/** `isccc packet <file> -o <folder>`, as an applicant runs it. */
function packet(file: string): Packed {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'isccc-ls-packet-')), 'packet');
  try {
    const run = spawnSync(process.execPath, [CLI, 'packet', file, '-o', out], { encoding: 'utf8' });
    const root = /^evidence root ([0-9a-f]{64}) /m.exec(run.stdout)?.[1];
    const result: Packed = { status: run.status, stdout: run.stdout, stderr: run.stderr, ...(root ? { root } : {}) };
    if (root) {
      const lines = fs.readFileSync(path.join(out, 'isccc-index.txt'), 'utf8').trim().split('\n').slice(1);
      const entries = lines.map((line) => line.split(' ')).filter(([, , p]) => !GENERATED.has(p!));
      result.evidence = { files: entries.length, bytes: entries.reduce((sum, [, size]) => sum + Number(size), 0) };
    }
    return result;
  } finally {
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
  }
}

describe('language server: the evidence root of the open manifest', function () {
  this.timeout(60_000);
  const workspace = exampleWorkspace('isccc-ls-evidence-');
  let client: TestClient | undefined;

  const rootOf = (uri: string) => client!.connection.sendRequest(EvidenceRootRequest, { uri });
  /** Polls isccc/evidenceRoot until `accept` holds (the thread hashes files off the request path). */
  const rootWhere = async (uri: string, accept: (root: EvidenceRoot | null) => boolean, what: string): Promise<EvidenceRoot> => {
    const deadline = Date.now() + 15_000;
    let last: EvidenceRoot | null = null;
    while (Date.now() < deadline) {
      last = await rootOf(uri);
      if (accept(last)) return last!;
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
    throw new Error(`${what}: last isccc/evidenceRoot ${JSON.stringify(last)}`);
  };
  const ready = (uri: string, unlike?: string) =>
    rootWhere(uri, (r) => r?.state === 'ready' && r.root !== unlike, 'a root') as Promise<Extract<EvidenceRoot, { state: 'ready' }>>;
  const lensesOf = async (uri: string) => (await client!.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } })) as CodeLens[];

  it('is the evidence root isccc packet prints, for every example, with a lens at the top that copies it', async function () {
    const names = fs.readdirSync(EXAMPLES).filter((name) => fs.existsSync(path.join(EXAMPLES, name, 'manifest.isccc.yaml')));
    assert.ok(names.length >= 5, names.join(', '));
    const copies = names.map((name) => ({ name, ...workspace.copy(name) }));
    // One workspace above every copy, as a user's folder of manifests.
    const session = (client = await workspace.start(workspace.parent));
    for (const { name, file } of copies) {
      const cli = packet(file);
      assert.equal(cli.status, 0, `${name}: isccc packet exited ${cli.status}: ${cli.stderr}`);
      const uri = await session.open(file);
      const root = await ready(uri);
      assert.deepEqual(root, { state: 'ready', root: cli.root, unsaved: false, ...cli.evidence }, name);

      const lens = (await lensesOf(uri))[0]!;
      assert.deepEqual(lens.range.start, { line: 0, character: 0 });
      assert.equal(lens.command!.title, `ISCCC evidence root: ${cli.root!.slice(0, 12)}… (${cli.evidence!.files} files)`);
      assert.equal(lens.command!.command, 'isccc.copyEvidenceRoot');
      assert.deepEqual(lens.command!.arguments, [cli.root]);
      assert.match(lens.command!.tooltip ?? '', new RegExp(`${cli.root}: the "evidence root" isccc packet prints`));
    }
  });

  it('follows an evidence file changed on disk: names it while its hash differs, and returns to the same root once restored', async function () {
    const { dir, file } = workspace.copy('risk-assessment-l3-pass');
    client = await workspace.start(dir);
    const uri = await client.open(file);
    const before = await ready(uri);
    const lease = path.join(dir, 'evidence', 'office-lease.md');
    const original = fs.readFileSync(lease);
    await lensesOf(uri);
    const refreshes = client.lensRefreshes;

    fs.appendFileSync(lease, 'a line added after the self-assessment\n');
    await client.fileChanged(lease, FileChangeType.Changed);
    const changed = await rootWhere(uri, (r) => r?.state === 'unusable', 'the changed file named');
    assert.ok(changed.state === 'unusable');
    assert.deepEqual(
      changed.problems.map((p) => [p.path, p.problem]),
      [['evidence/office-lease.md', 'hash-mismatch']],
    );
    assert.match(changed.problems[0]!.message, /^hash mismatch: expected [0-9a-f]{64}, file has [0-9a-f]{64}$/);
    const cli = packet(file);
    assert.equal(cli.status, 1, cli.stdout);
    assert.match(cli.stderr, /evidence evidence\/office-lease\.md: its SHA-256 is/);
    // The lens shown before is out of date: the client is asked to fetch lenses again.
    await rootWhere(uri, () => client!.lensRefreshes > refreshes, 'a code lens refresh');
    const lens = (await lensesOf(uri))[0]!;
    assert.equal(lens.command!.title, 'ISCCC evidence root: none (1 evidence file unusable: evidence/office-lease.md)');
    assert.equal(lens.command!.command, '');

    fs.writeFileSync(lease, original);
    await client.fileChanged(lease, FileChangeType.Changed);
    assert.deepEqual(await ready(uri), before);
  });

  it('names missing files and files outside the folder instead of a root, as isccc packet refuses them', async function () {
    const { dir, file } = workspace.copy('risk-assessment-l2-fail');
    client = await workspace.start(dir);
    const text = fs.readFileSync(file, 'utf8');
    const paths = [...text.matchAll(/^ {2}- path: (\S+)$/gm)].map((m) => m[1]!);
    assert.ok(paths.length >= 3, paths.join(', '));
    fs.rmSync(path.join(dir, paths[0]!));
    const outside = text.replace(`path: ${paths[1]}`, 'path: ../secret.md');
    fs.writeFileSync(path.join(workspace.parent, 'secret.md'), 'not the applicant’s\n');
    fs.writeFileSync(file, outside);
    const uri = await client.open(file);
    const root = await rootWhere(uri, (r) => r?.state === 'unusable', 'the problems');
    assert.ok(root.state === 'unusable');
    assert.deepEqual(
      root.problems.map((p) => [p.path, p.problem, p.range.start.line]),
      [
        [paths[0], 'missing', outside.split('\n').indexOf(`  - path: ${paths[0]}`)],
        ['../secret.md', 'outside-workspace', outside.split('\n').indexOf('  - path: ../secret.md')],
      ],
    );
    assert.deepEqual(
      root.problems.map((p) => p.message),
      ['file not found', "outside the manifest's folder: leaves the manifest folder; not read"],
    );
    const cli = packet(file);
    assert.equal(cli.status, 1);
    for (const p of [paths[0]!, '../secret.md']) assert.ok(cli.stderr.includes(`evidence ${p}: `), cli.stderr);
  });

  it('is the root of the editor’s text while unsaved (the root isccc packet prints once it is saved), and of the file after a save', async function () {
    const { dir, file } = workspace.copy('emergency-response-l1');
    client = await workspace.start(dir);
    const text = fs.readFileSync(file, 'utf8');
    const uri = await client.open(file);
    const saved = await ready(uri);

    // One entry fewer in the evidence list: one file fewer, another root.
    const entries = text.split(/(?=^ {2}- path: )/m);
    const edited = [...entries.slice(0, 1), ...entries.slice(2)].join('');
    assert.ok(edited.length < text.length && edited.includes('evidence:'));
    await client.change(uri, edited);
    const unsaved = await ready(uri, saved.root);
    assert.equal(unsaved.unsaved, true);
    assert.equal(unsaved.files, saved.files - 1);
    assert.match((await lensesOf(uri))[0]!.command!.title, /^ISCCC evidence root: [0-9a-f]{12}… \(\d+ files, unsaved text\)$/);

    fs.writeFileSync(file, edited);
    const cli = packet(file);
    assert.equal(cli.status, 0, cli.stderr);
    assert.equal(unsaved.root, cli.root);
    await client.save(uri);
    assert.deepEqual(await rootWhere(uri, (r) => r?.state === 'ready' && !r.unsaved, 'the saved root'), { ...unsaved, unsaved: false });
  });

  it('refuses an evidence path a packet writes itself, as isccc packet does', async function () {
    const { dir, file } = workspace.copy('risk-assessment-l3-pass');
    client = await workspace.start(dir);
    const text = fs.readFileSync(file, 'utf8');
    const first = /^ {2}- path: (\S+)$/m.exec(text)![1]!;
    fs.renameSync(path.join(dir, first), path.join(dir, 'application.json'));
    fs.writeFileSync(file, text.replace(`path: ${first}`, 'path: application.json'));
    const uri = await client.open(file);
    const root = await rootWhere(uri, (r) => r?.state === 'unusable', 'the clash');
    assert.ok(root.state === 'unusable');
    assert.deepEqual(
      root.problems.map((p) => [p.path, p.problem, p.message]),
      [['application.json', 'name-taken', 'a packet writes a file of its own under this name; rename it']],
    );
    const cli = packet(file);
    assert.equal(cli.status, 2);
    assert.match(cli.stderr, /application\.json is listed in the manifest, but a packet writes its own file of that name; rename it/);
  });

  it('says why there is no root for an untitled manifest and for one with input problems, and answers null for other documents', async function () {
    const { dir, file } = workspace.copy('risk-assessment-l3-pass');
    client = await workspace.start(dir);
    const text = fs.readFileSync(file, 'utf8');
    const untitled = 'untitled:Untitled-1';
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: untitled, languageId: 'isccc-manifest', version: 1, text } });
    assert.deepEqual(await rootOf(untitled), { state: 'unavailable', reason: 'not-on-disk', message: 'the manifest is not saved in a folder yet' });
    assert.equal((await lensesOf(untitled))[0]!.command!.title, 'ISCCC evidence root: none (the manifest is not saved in a folder yet)');

    const uri = await client.open(file, text.replace('serviceStaff: 14', 'serviceStaff: many'));
    assert.deepEqual(await rootOf(uri), {
      state: 'unavailable',
      reason: 'input-problems',
      message: 'the manifest has 1 input problem; isccc packet would not pack it',
    });
    assert.deepEqual(
      (await lensesOf(uri)).map((lens) => lens.command!.title),
      ['ISCCC: fix 1 input problem to evaluate'],
    );

    const readme = path.join(dir, 'notes.yaml');
    const other = await client.open(readme, 'a: 1\n');
    assert.equal(await rootOf(other), null);
  });

  it('speaks the configured language', async function () {
    const { dir, file } = workspace.copy('risk-assessment-l3-pass');
    client = await workspace.start(dir, { debounceMs: 20, settings: { language: 'zh' } });
    client.settings = { language: 'zh' };
    const uri = await client.open(file);
    const root = await ready(uri);
    assert.equal((await lensesOf(uri))[0]!.command!.title, `ISCCC 证据根哈希：${root.root.slice(0, 12)}…（${root.files} 个文件）`);
  });
});
