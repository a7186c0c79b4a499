/**
 * One test per defect the random-edit fuzz (fuzz.test.ts, `npm run fuzz`) found, each on the smallest input that
 * showed it, over stdio JSON-RPC like the fuzz itself (the text-sync one also in process).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DidChangeTextDocumentNotification, FileChangeType, type Position } from 'vscode-languageserver-protocol/node';
import { SYNCED_TEXT_DOCUMENT } from '../../src/documents/text-sync.js';
import { exampleWorkspace, messageOf, REPO, SERVER, type TestClient } from '../support/client.js';
import { rangesOutside } from './session.js';

const SHIPPED_STAFF_RULE = path.join(REPO, 'rules', 'rulebooks', 'isccc-sv-001-2015', 'service-staff.rules.yaml');

describe('language server: defects the random-edit fuzz found', function () {
  this.timeout(60_000);
  const workspace = exampleWorkspace('isccc-ls-regressions-');
  let client: TestClient | undefined;
  /** Where `needle` starts, as an editor counts lines (\r\n, \n and a lone \r). */
  const at = (text: string, needle: string, by = 0): Position => {
    const offset = text.indexOf(needle);
    assert.ok(offset >= 0, `${JSON.stringify(needle)} in the text`);
    return TextDocument.create('x', 'yaml', 1, text).positionAt(offset + by);
  };
  const edit = (uri: string, version: number, start: Position, end: Position, text: string) =>
    client!.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ range: { start, end }, text }],
    });
  const noLogs = () => assert.deepEqual(client!.logs, [], 'the server logged nothing');

  it('nesting too deep for the YAML parser is an input problem at its line, not a stack overflow in the validation', async function () {
    const { dir, file, text } = workspace.copy('risk-assessment-l3-pass');
    client = await workspace.start(dir);
    const cut = text.indexOf(' type: ', text.indexOf('\nevidence:\n'));
    const deep = `${text.slice(0, cut)}   ${'a: '.repeat(20_000)}${text.slice(cut)}`;
    const uri = await client.open(file, deep);
    const diagnostics = await client.diagnostics(uri, (d) => d.length > 0);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range.start.line]),
      [['input/too-deep', at(deep, 'a: a: ').line]],
    );
    noLogs();
  });

  it('puts YAML errors on the lines the client counts: after a token that spans lines, and after a lone \\r', async function () {
    const { dir, file, text } = workspace.copy('risk-assessment-l3-pass');
    client = await workspace.start(dir);
    const spanning = 'isccc: manifest/v1\n[a]\nb\n  c: d\n';
    const uri = await client.open(path.join(dir, 'spanning.isccc.yaml'), spanning);
    const errors = await client.diagnostics(uri, (d) => d.length > 0);
    assert.deepEqual(rangesOutside(errors, uri, TextDocument.create(uri, 'yaml', 1, spanning)), []);
    // The second error covers `b\n  c`: it ends on the line of `c`, where the parser's own line count ended it a line early.
    assert.deepEqual(
      errors.map((d) => [d.code, d.range]),
      [
        ['yaml/syntax', { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } }],
        ['yaml/syntax', { start: { line: 2, character: 0 }, end: at(spanning, ': d') }],
      ],
    );

    // A lone \r ends the first comment line: YAML reads on, an editor shows a line break there.
    const loneCr = text.replace('\n', '\r').replace('serviceStaff: 14', 'serviceStaff: 5');
    const manifest = await client.open(file, loneCr);
    const staff = (await client.diagnostics(manifest, (d) => d.some((x) => x.code === 'isccc/service-staff'))).find((d) => d.code === 'isccc/service-staff')!;
    assert.deepEqual(staff.range.start, at(loneCr, 'serviceStaff: 5', 14));
    noLogs();
  });

  it('keeps the text in step with incremental changes that join a lone \\r and a \\n into one line break', async function () {
    const { dir, file, text } = workspace.copy('risk-assessment-l3-pass');
    client = await workspace.start(dir);
    const v1 = text.replace('\n', '\r');
    const uri = await client.open(file, v1);
    assert.deepEqual(await client.diagnostics(uri), []);
    // Enter typed right after the \r: the client now counts one \r\n where it counted a \r.
    await edit(uri, 2, at(v1, '# A small'), at(v1, '# A small'), '\n');
    const v2 = v1.replace('\r', '\r\n');
    // Then a change further down, at the client's positions.
    await edit(uri, 3, at(v2, 'serviceStaff: 14', 14), at(v2, 'serviceStaff: 14', 16), '5');
    const v3 = v2.replace('serviceStaff: 14', 'serviceStaff: 5');
    const diagnostics = await client.diagnostics(uri, (d) => d.length > 0, 3);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range.start]),
      [['isccc/service-staff', at(v3, 'serviceStaff: 5', 14)]],
    );
    assert.match(messageOf(diagnostics[0]!), /manifest lists 5$/);
  });

  it('in process: a change that forms or cuts a \\r\\n leaves the lines a fresh count of the text gives', function () {
    const cases: [string, Position, Position, string][] = [
      ['# y\rabc\nz\n', { line: 1, character: 0 }, { line: 1, character: 0 }, '\n- '],
      ['a\rX\nb', { line: 1, character: 0 }, { line: 1, character: 1 }, ''],
      ['ab\nc', { line: 0, character: 2 }, { line: 0, character: 2 }, '\r'],
      ['a\r\nb', { line: 0, character: 1 }, { line: 0, character: 1 }, 'q'],
    ];
    for (const [text, start, end, inserted] of cases) {
      const updated = SYNCED_TEXT_DOCUMENT.update(TextDocument.create('x', 'yaml', 1, text), [{ range: { start, end }, text: inserted }], 2);
      const fresh = TextDocument.create('x', 'yaml', 2, updated.getText());
      assert.equal(updated.lineCount, fresh.lineCount, JSON.stringify(updated.getText()));
      for (let offset = 0; offset <= fresh.getText().length; offset++) assert.deepEqual(updated.positionAt(offset), fresh.positionAt(offset));
    }
  });

  it('clears the diagnostics of a document edited out of being a manifest (its isccc: line removed)', async function () {
    const { dir, text } = workspace.copy('risk-assessment-l2-fail');
    client = await workspace.start(dir);
    const notes = path.join(dir, 'notes.yaml');
    const uri = await client.open(notes, text, 'yaml');
    assert.ok((await client.diagnostics(uri, (d) => d.length > 0)).length > 0);
    await client.change(uri, text.replace('isccc: manifest/v1\n', ''));
    await client.diagnostics(uri, (d) => d.length === 0, 0, 10_000, client.count(uri));
    assert.deepEqual(client.latest(uri), []);
    noLogs();
  });

  it('takes a rule file out of the rulebook when an edit makes it something else (its isccc: line changed)', async function () {
    const { dir, file } = workspace.copy('risk-assessment-l3-pass');
    client = await workspace.start(dir);
    const manifest = await client.open(file);
    assert.deepEqual(await client.diagnostics(manifest), []);
    // A rule file by its content only (not named *.rules.yaml), stricter than the shipped rule it overrides.
    const stricter = fs.readFileSync(SHIPPED_STAFF_RULE, 'utf8').replace(/(clause: 4\.1\.4\.d\n {8}expected:) 10/, '$1 20');
    const rules = await client.open(path.join(dir, 'staff.yaml'), stricter, 'yaml');
    await client.diagnostics(manifest, (d) => d.some((x) => /≥20 service staff/.test(messageOf(x))));
    await client.change(rules, stricter.replace('isccc: rules/v1', 'isccc: notes'));
    await client.diagnostics(manifest, (d) => d.length === 0, 0, 10_000, client.count(manifest));
    noLogs();
  });

  it('publishes a manifest’s diagnostics even when a file elsewhere changes while it is being evaluated', async function () {
    const { file, text } = workspace.copy('risk-assessment-l3-pass');
    const other = workspace.copy('risk-assessment-l2-fail');
    client = await workspace.start(workspace.parent);
    const uri = await client.open(file);
    assert.deepEqual(await client.diagnostics(uri), []);
    const version = await client.change(uri, text.replace('serviceStaff: 14', 'serviceStaff: 5'));
    // Changes of a file no open manifest lists, until well after the evaluation has answered.
    const elsewhere = path.join(other.dir, 'evidence', fs.readdirSync(path.join(other.dir, 'evidence'))[0]!);
    for (let i = 0; i < 60; i++) {
      await client.fileChanged(elsewhere, FileChangeType.Changed);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const diagnostics = await client.diagnostics(uri, () => true, version);
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['isccc/service-staff'],
    );
  });

  it('(the fuzz’s own watch) sees what the server reads: with the workspace alone allowed, its reads of the toolkit’s data are reported', async function () {
    const { dir, file } = workspace.copy('risk-assessment-l3-pass');
    client = await workspace.start(dir, { debounceMs: 5 }, SERVER, {
      nodeArgs: ['--import', new URL('./watch-process.js', import.meta.url).href],
      env: { ...process.env, ISCCC_FUZZ_ALLOWED: dir },
    });
    const uri = await client.open(file);
    assert.deepEqual(await client.diagnostics(uri), []);
    const reports = client.logs
      .join('')
      .split('\n')
      .filter((line) => line.startsWith('fuzz watch: '));
    assert.ok(
      reports.some((line) => line.includes(`${path.join(REPO, 'rules')}${path.sep}`)),
      reports.slice(0, 5).join('\n'),
    );
    assert.ok(!reports.some((line) => line.includes(dir)), 'nothing in the workspace is reported');
  });

  it('(the fuzz’s own range check) reports a range past the last line or past a line’s end, and skips other documents', function () {
    const document = TextDocument.create(pathToFileURL('/x.yaml').href, 'yaml', 1, 'a: 1\r\nb: 2');
    const range = (line: number, character: number) => ({ range: { start: { line, character }, end: { line, character } } });
    assert.deepEqual(rangesOutside([range(0, 4), range(1, 4)], document.uri, document), []);
    assert.equal(rangesOutside([range(0, 5), range(2, 0)], document.uri, document).length, 2);
    assert.deepEqual(rangesOutside({ uri: 'file:///elsewhere', ...range(9, 9) }, document.uri, document), []);
  });
});
