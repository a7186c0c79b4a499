import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { DiagnosticSeverity, HoverRequest } from 'vscode-languageserver-protocol/node';
import { copyExample, locate, messageOf, REPO, TestClient } from './support/client.js';

const SHIPPED = path.join(REPO, 'rules', 'rulebooks', 'isccc-sv-001-2015', 'service-staff.rules.yaml');

describe('language server: rule files, workspace re-validation, hostile input', function () {
  let dir: string;
  let manifest: string;
  let ruleFile: string;
  let ruleText: string;
  let client: TestClient;

  beforeEach(async function () {
    dir = copyExample('risk-assessment-l3-pass');
    manifest = path.join(dir, 'manifest.isccc.yaml');
    ruleFile = path.join(dir, 'staff.rules.yaml');
    // A workspace copy of the shipped rule: same id, so it overrides the shipped one.
    ruleText = fs.readFileSync(SHIPPED, 'utf8');
    fs.writeFileSync(ruleFile, ruleText);
    client = await TestClient.start(dir);
  });
  afterEach(async function () {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reports a FEEL syntax error at its exact column inside the rule file', async function () {
    const bad = ruleText.replace('condition: actual >= expected', 'condition: actual >= (expected');
    const uri = await client.open(ruleFile, bad);
    const diagnostics = await client.diagnostics(uri, (d) => d.length > 0);
    const feel = diagnostics.find((d) => d.code === 'rules/feel-syntax');
    assert.ok(feel, JSON.stringify(diagnostics));
    const at = locate(bad, 'actual >= (expected');
    assert.equal(feel.range.start.line, at.line);
    assert.ok(
      feel.range.start.character > at.character && feel.range.start.character <= at.character + 'condition: actual >= (expected'.length,
      JSON.stringify(feel.range),
    );
  });

  it('reports an unknown clause id and a duplicate rule id', async function () {
    const unknown = ruleText.replace('clause: 4.2.4.d', 'clause: 4.2.9.z');
    const uri = await client.open(ruleFile, unknown);
    const first = await client.diagnostics(uri, (d) => d.some((x) => x.code === 'rules/unknown-clause'));
    const clause = first.find((d) => d.code === 'rules/unknown-clause')!;
    assert.equal(clause.range.start.line, locate(unknown, '4.2.9.z').line);
    assert.match(messageOf(clause), /4\.2\.9\.z/);

    const twin = path.join(dir, 'twin.rules.yaml');
    const uri2 = await client.open(twin, ruleText);
    const dup = await client.diagnostics(uri2, (d) => d.some((x) => x.code === 'rules/duplicate-id'));
    assert.equal(dup.find((d) => d.code === 'rules/duplicate-id')!.range.start.line, locate(ruleText, 'id: isccc/service-staff').line);
  });

  it('flags catalog clauses no rule covers, as information', async function () {
    const fewer = ruleText.replace(/ {6}- clause: 4\.2\.4\.d\n {8}expected: 30\n?/, '');
    assert.notEqual(fewer, ruleText);
    const uri = await client.open(ruleFile, fewer);
    const diagnostics = await client.diagnostics(uri, (d) => d.some((x) => x.code === 'rules/uncovered-clause'));
    const uncovered = diagnostics.filter((d) => d.code === 'rules/uncovered-clause');
    assert.deepEqual(
      uncovered.map((d) => messageOf(d).split(' ')[1]),
      ['4.2.4'],
    );
    assert.equal(uncovered[0]!.severity, DiagnosticSeverity.Information);
  });

  it('re-validates an open manifest when a rule file is edited, and again when the edit is undone', async function () {
    const manifestUri = await client.open(manifest);
    assert.deepEqual(await client.diagnostics(manifestUri), []);
    const ruleUri = await client.open(ruleFile);
    const stricter = ruleText.replace('clause: 4.1.4.d\n        expected: 10', 'clause: 4.1.4.d\n        expected: 20');
    assert.notEqual(stricter, ruleText);
    await client.change(ruleUri, stricter);
    const failing = await client.diagnostics(manifestUri, (d) => d.some((x) => x.code === 'isccc/service-staff'));
    const staff = failing.find((d) => d.code === 'isccc/service-staff')!;
    assert.match(messageOf(staff), /≥20 service staff, manifest lists 14/);
    assert.ok(
      staff.relatedInformation!.some((r) => r.location.uri.endsWith('/staff.rules.yaml')),
      'related information points at the workspace rule',
    );
    const seen = client.count(manifestUri);
    await client.change(ruleUri, ruleText);
    assert.deepEqual(await client.diagnostics(manifestUri, () => true, 0, 10000, seen), []);
  });

  it('re-validates when an evidence file changes on disk', async function () {
    const uri = await client.open(manifest);
    assert.deepEqual(await client.diagnostics(uri), []);
    const evidence = path.join(dir, 'evidence', 'business-licence.md');
    fs.appendFileSync(evidence, 'changed\n');
    await client.fileChanged(evidence, 2);
    const after = await client.diagnostics(uri, (d) => d.length > 0);
    assert.ok(after.some((d) => d.code === 'isccc/evidence-integrity' && d.range.start.line === locate(fs.readFileSync(manifest, 'utf8'), 'cdd586d7').line));
  });

  it('survives malformed YAML, a huge file, deep nesting and binary noise, and still answers', async function () {
    const uri = await client.open(manifest, 'isccc: manifest/v1\norganisation: {name: [unclosed\n  - : : :\n\t\tbad');
    const malformed = await client.diagnostics(uri, (d) => d.length > 0);
    assert.ok(malformed.every((d) => d.range.end.line <= 3));

    const deep = path.join(dir, 'deep.isccc.yaml');
    const deepUri = await client.open(deep, `isccc: manifest/v1\nx: ${'['.repeat(5000)}${']'.repeat(5000)}\n`);
    const nested = await client.diagnostics(deepUri, (d) => d.length > 0);
    assert.ok(
      nested.some((d) => d.code === 'input/too-deep' || d.code === 'yaml/syntax'),
      JSON.stringify(nested.map((d) => d.code)),
    );

    const huge = path.join(dir, 'huge.isccc.yaml');
    const hugeUri = await client.open(huge, `isccc: manifest/v1\nnotes: "${'x'.repeat(3 * 1024 * 1024)}"\n`);
    const big = await client.diagnostics(hugeUri, (d) => d.length > 0, 0, 30000);
    assert.equal(big[0]!.code, 'input/too-large');

    const noise = path.join(dir, 'noise.isccc.yaml');
    const noiseUri = await client.open(noise, '\u0000\u0001\uFFFF: *alias &a [ { ] } !!binary @ `');
    await client.diagnostics(noiseUri, (d) => d.length > 0);
    for (const target of [uri, deepUri, noiseUri]) {
      await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: target }, position: { line: 0, character: 3 } });
      await client.connection.sendRequest('textDocument/completion', { textDocument: { uri: target }, position: { line: 1, character: 2 } });
      await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: target } });
      await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: target } });
    }
    const okUri = await client.open(path.join(dir, 'ok.isccc.yaml'), fs.readFileSync(manifest, 'utf8'));
    assert.deepEqual(await client.diagnostics(okUri), [], 'still validates after all that');
    assert.equal(client.exited, false);
  });
});
