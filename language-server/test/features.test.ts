import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  type CodeAction,
  type Diagnostic,
  CodeActionRequest,
  type CodeLens,
  CodeLensRequest,
  CompletionRequest,
  type CompletionItem,
  type CompletionList,
  DefinitionRequest,
  DocumentSymbolRequest,
  type DocumentSymbol,
  type Hover,
  HoverRequest,
  type Location,
  type MarkupContent,
} from 'vscode-languageserver-protocol/node';
import { closeExample, locate, openExample, type TestClient } from './support/client.js';

describe('language server: hover, completion, code actions, lenses, symbols, definition', function () {
  let dir: string;
  let file: string;
  let text: string;
  let client: TestClient;

  beforeEach(async function () {
    ({ dir, file, text, client } = await openExample());
  });
  afterEach(() => closeExample(dir, client));

  const hoverAt = async (uri: string, position: { line: number; character: number }) => {
    const result = await client.connection.sendRequest<Hover | null>(HoverRequest.method, { textDocument: { uri }, position });
    return result ? (result.contents as MarkupContent).value : '';
  };
  const completeAt = async (uri: string, position: { line: number; character: number }) => {
    const result = await client.connection.sendRequest<CompletionItem[] | CompletionList | null>(CompletionRequest.method, { textDocument: { uri }, position });
    return Array.isArray(result) ? result : (result?.items ?? []);
  };

  it('hovers a clause id with its zh and en text, levels and kind', async function () {
    const uri = await client.open(file);
    await client.diagnostics(uri);
    const at = locate(text, '"4.1.3"');
    const value = await hoverAt(uri, { line: at.line, character: at.character + 2 });
    assert.match(value, /\*\*4\.1\.3\*\*/);
    assert.match(value, /[\u4e00-\u9fff]/, 'Chinese text');
    assert.match(value, /\(English: isccc-flow translation\)/, 'the English is marked as our translation');
    assert.match(value, /Levels: level 3/);
    assert.match(value, /Kind: evidence/);
  });

  it('hovers a field with its schema description, and a finding with actual vs required', async function () {
    const bad = text.replace('serviceStaff: 14', 'serviceStaff: 5');
    const uri = await client.open(file, bad);
    await client.diagnostics(uri, (d) => d.length > 0);
    const key = locate(bad, 'serviceStaff: 5');
    const onKey = await hoverAt(uri, { line: key.line, character: key.character + 3 });
    assert.match(onKey, /people\.serviceStaff/);
    const onValue = await hoverAt(uri, { line: key.line, character: key.character + 14 });
    assert.match(onValue, /isccc\/service-staff/);
    assert.match(onValue, /actual \*\*5\*\*, required \*\*10\*\*/);
  });

  it('completes schema keys, enum values, clause ids and evidence paths', async function () {
    const edited = text.replace('  category: risk-assessment\n', '  category: \n');
    const uri = await client.open(file, edited);
    await client.diagnostics(uri, (d) => d.length > 0);
    const value = locate(edited, '  category: \n');
    const categories = (await completeAt(uri, { line: value.line, character: value.character + 12 })).map((i) => i.label);
    assert.deepEqual(categories, [
      'risk-assessment',
      'security-integration',
      'emergency-response',
      'disaster-recovery',
      'software-security-development',
      'security-operations',
    ]);

    const keysText = text.replace('  serviceSince: 2019-09-01\n', '  serviceSince: 2019-09-01\n  \n');
    await client.change(uri, keysText);
    const blank = locate(keysText, '  serviceSince: 2019-09-01\n');
    const keys = (await completeAt(uri, { line: blank.line + 1, character: 2 })).map((i) => i.label);
    assert.ok(keys.includes('drClass'), JSON.stringify(keys));
    assert.ok(!keys.includes('category'), 'present keys are not offered again');

    const supports = locate(keysText, 'supports: ["4.1.3"]');
    const clauses = await completeAt(uri, { line: supports.line, character: supports.character + 'supports: ["'.length });
    const c = clauses.find((i) => i.label === '4.2.4.d');
    assert.ok(c, 'clause ids offered');
    assert.match(String(c.detail), /4\.2\.4 d\)/);

    const pathLine = locate(keysText, 'path: evidence/business-licence.md');
    const files = (await completeAt(uri, { line: pathLine.line, character: pathLine.character + 'path: '.length })).map((i) => i.label);
    assert.ok(files.includes('evidence/business-licence.md'), JSON.stringify(files));
    assert.ok(!files.includes('manifest.isccc.yaml'));
  });

  /** Asks for the quick fixes of the first diagnostic `pick` accepts (`pick` = a code, or a predicate) and applies the one titled `title`. */
  const applyFirst = async (uri: string, current: string, pick: string | ((d: Diagnostic) => boolean), title: RegExp): Promise<string> => {
    const accept = typeof pick === 'string' ? (d: Diagnostic) => d.code === pick : pick;
    const diagnostics = await client.diagnostics(uri, (d) => d.some(accept));
    const target = diagnostics.find(accept)!;
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: target.range,
      context: { diagnostics: [target] },
    })) as CodeAction[];
    const action = actions.find((a) => title.test(a.title));
    assert.ok(action, `no action ${title} in ${JSON.stringify(actions.map((a) => a.title))}`);
    const doc = TextDocument.create(uri, 'yaml', 1, current);
    return TextDocument.applyEdits(doc, action.edit!.changes![uri]!);
  };

  it('recomputes a sha256 and the re-validated manifest is clean', async function () {
    fs.appendFileSync(path.join(dir, 'evidence', 'audit-2024.md'), 'amended\n');
    const uri = await client.open(file);
    const fixed = await applyFirst(uri, text, 'isccc/evidence-integrity', /sha256/);
    assert.notEqual(fixed, text);
    const version = await client.change(uri, fixed);
    assert.deepEqual(await client.diagnostics(uri, () => true, version), []);
  });

  it('offers no sha256 fix for a diagnostic of an earlier version whose range no longer holds the value (random-edit fuzz)', async function () {
    fs.appendFileSync(path.join(dir, 'evidence', 'audit-2024.md'), 'amended\n');
    const uri = await client.open(file);
    const diagnostics = await client.diagnostics(uri, (d) => d.some((x) => x.code === 'isccc/evidence-integrity'));
    const stale = diagnostics.find((d) => d.code === 'isccc/evidence-integrity')!;
    // the lines above the entry shrink: the old range now ends past its line's end, on a line without a sha256
    const shorter = text.replace(/^#.*\n/gm, '');
    assert.notEqual(shorter, text);
    const version = await client.change(uri, shorter);
    await client.diagnostics(uri, () => true, version);
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: stale.range,
      context: { diagnostics: [stale] },
    })) as CodeAction[];
    assert.deepEqual(
      actions.filter((a) => /sha256/.test(a.title)).map((a) => a.edit?.changes?.[uri]),
      [],
      'no edit of the manifest where its sha256 no longer is',
    );
  });

  it('adds an evidence stub for a clause without evidence; with the file in place and its hash recomputed the manifest is clean', async function () {
    const without = text.replace('    supports: ["4.1.3"]', '    supports: ["4.1.1"]');
    const uri = await client.open(file, without);
    const stubbed = await applyFirst(uri, without, 'isccc/evidence', /Add an evidence entry for 4\.1\.3/);
    assert.match(stubbed, /\n {2}- path: evidence\/TODO-4\.1\.3\.md\n {4}sha256: "0{64}"\n {4}type: other\n {4}supports: \["4\.1\.3"\]\n?$/);
    let version = await client.change(uri, stubbed);
    const pending = await client.diagnostics(uri, () => true, version);
    assert.ok(!pending.some((d) => String(d.code).startsWith('schema/')), 'the stub is schema-valid');
    const missing = pending.find((d) => d.code === 'isccc/evidence-integrity');
    assert.equal(missing?.range.start.line, locate(stubbed, 'path: evidence/TODO-4.1.3.md').line, 'the stub names a file still to provide');

    fs.writeFileSync(path.join(dir, 'evidence', 'TODO-4.1.3.md'), 'office lease\n');
    await client.fileChanged(path.join(dir, 'evidence', 'TODO-4.1.3.md'), 1);
    const fixed = await applyFirst(uri, stubbed, (d) => (d.data as { path?: string }).path?.endsWith('.sha256') === true, /sha256/);
    version = await client.change(uri, fixed);
    assert.deepEqual(await client.diagnostics(uri, () => true, version), []);
  });

  it('adds a missing required field', async function () {
    const without = text.replace('  serviceStaff: 14\n', '');
    const uri = await client.open(file, without);
    const fixed = await applyFirst(uri, without, 'schema/missing-field', /serviceStaff/);
    assert.match(fixed, /\n {2}serviceStaff: 0\n/);
    const version = await client.change(uri, fixed);
    const after = await client.diagnostics(uri, () => true, version);
    assert.ok(!after.some((d) => d.code === 'schema/missing-field'));
    assert.ok(
      after.some((d) => d.code === 'isccc/service-staff'),
      'the placeholder 0 is then evaluated',
    );
  });

  it('shows the qualifying level and the next level’s gaps as code lenses, and the same via isccc/summary and isccc/report', async function () {
    const uri = await client.open(file);
    await client.diagnostics(uri);
    const all = (await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } })) as CodeLens[];
    // The evidence root has its own lens, at the top (evidence-root.test.ts).
    const lenses = all.filter((lens) => lens.command?.command === 'isccc.showReport');
    assert.equal(lenses.length, 2);
    assert.equal(lenses[0]!.command!.title, 'ISCCC: qualifies for level 3');
    assert.match(lenses[1]!.command!.title, /^level 2 still needs: 4\.2\.1, 4\.2\.3, 4\.2\.4 d\)/);
    const summary = await client.connection.sendRequest<{
      qualifyingLevel: number;
      findingCount: number;
      next: { level: number; blocking: unknown[] };
    }>('isccc/summary', { uri });
    assert.equal(summary.qualifyingLevel, 3);
    assert.equal(summary.findingCount, 0);
    assert.equal(summary.next.level, 2);
    assert.ok(summary.next.blocking.length > 10);
    const report = await client.connection.sendRequest<{
      clauses: { clause: string; findings: { ruleId: string; status: string; range?: unknown }[] }[];
    }>('isccc/report', { uri });
    const staff = report.clauses.find((c) => c.clause === '4.1.4.d');
    assert.equal(staff?.findings[0]?.ruleId, 'isccc/service-staff');
    assert.equal(staff?.findings[0]?.status, 'pass');
    assert.ok(staff?.findings[0]?.range);
  });

  it('outlines the manifest and goes from a clause id to the catalog and the rule', async function () {
    const uri = await client.open(file);
    await client.diagnostics(uri);
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
    assert.deepEqual(symbols.map((s) => s.name).slice(0, 4), ['isccc', 'edition', 'organisation', 'application']);
    const projects = symbols.find((s) => s.name === 'projects')!;
    assert.deepEqual(
      projects.children!.map((c) => c.name),
      ['MH-2025-07', 'MH-2026-02'],
    );

    const staffText = text.replace('supports: ["4.1.3"]', 'supports: ["4.1.3", "4.1.4.d"]');
    await client.change(uri, staffText);
    const at = locate(staffText, '"4.1.4.d"');
    const locations = (await client.connection.sendRequest(DefinitionRequest.type, {
      textDocument: { uri },
      position: { line: at.line, character: at.character + 3 },
    })) as Location[];
    assert.ok(
      locations.some((l) => /catalog\/isccc-sv-001-2015\/.*\.yaml$/.test(l.uri)),
      JSON.stringify(locations),
    );
    assert.ok(locations.some((l) => l.uri.endsWith('service-staff.rules.yaml')));
  });
});
