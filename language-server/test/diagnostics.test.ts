import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol/node';
import { closeExample, locate, messageOf, openExample, type TestClient } from './support/client.js';

describe('language server: manifest diagnostics over stdio JSON-RPC', function () {
  let dir: string;
  let file: string;
  let text: string;
  let client: TestClient;

  beforeEach(async function () {
    ({ dir, file, text, client } = await openExample());
  });
  afterEach(() => closeExample(dir, client));

  it('publishes no diagnostics for the passing example', async function () {
    const uri = await client.open(file);
    const diagnostics = await client.diagnostics(uri);
    assert.deepEqual(diagnostics, []);
  });

  it('puts a rule finding on the offending value with rule code, clause, doc link and related rule', async function () {
    const uri = await client.open(file, text.replace('serviceStaff: 14', 'serviceStaff: 5'));
    const diagnostics = await client.diagnostics(uri, (d) => d.length > 0);
    const staff = diagnostics.find((d) => d.code === 'isccc/service-staff');
    assert.ok(staff, JSON.stringify(diagnostics));
    const at = locate(text, 'serviceStaff: 14');
    assert.deepEqual(staff.range, { start: { line: at.line, character: at.character + 14 }, end: { line: at.line, character: at.character + 15 } });
    assert.equal(staff.source, 'isccc');
    assert.equal(staff.severity, DiagnosticSeverity.Error);
    assert.match(messageOf(staff), /4\.1\.4 d\)/);
    assert.match(messageOf(staff), /≥10 service staff, manifest lists 5/);
    assert.match(staff.codeDescription!.href, /service-staff\.md$/);
    const rule = staff.relatedInformation!.find((r) => r.location.uri.endsWith('service-staff.rules.yaml'));
    assert.ok(rule, 'related information points at the rule file');
    assert.ok(rule.location.range.start.line > 0, 'at the check, not the top of the rule file');
    assert.deepEqual((staff.data as { clause: string }).clause, '4.1.4.d');
  });

  it('speaks Chinese when the language setting is zh', async function () {
    client.settings = { language: 'zh' };
    await client.setSettings({ language: 'zh' });
    const uri = await client.open(file, text.replace('serviceStaff: 14', 'serviceStaff: 5'));
    const diagnostics = await client.diagnostics(uri, (d) => d.some((x) => x.code === 'isccc/service-staff' && /人员/.test(messageOf(x))));
    const staff = diagnostics.find((d) => d.code === 'isccc/service-staff')!;
    assert.match(messageOf(staff), /4\.1\.4 d\) 要求从事信息安全服务人员10名以上，清单列出 5 名/);
  });

  it('reports YAML syntax errors at their position, not on the whole document', async function () {
    const broken = text.replace('  serviceStaff: 14', '  serviceStaff: [14');
    const uri = await client.open(file, broken);
    const diagnostics = await client.diagnostics(uri, (d) => d.length > 0);
    assert.ok(
      diagnostics.every((d) => d.code === 'yaml/syntax'),
      JSON.stringify(diagnostics),
    );
    const line = locate(broken, 'serviceStaff: [14').line;
    assert.ok(
      diagnostics.some((d) => d.range.start.line >= line && d.range.start.line <= line + 2),
      JSON.stringify(diagnostics.map((d) => d.range)),
    );
    assert.ok(diagnostics.every((d) => d.range.end.line - d.range.start.line < 5));
  });

  it('reports a schema violation on the value and an unknown field on its key', async function () {
    const bad = text.replace('serviceStaff: 14', 'serviceStaff: many').replace('  registeredIn: CN', '  registeredIn: CN\n  registerdOffice: x');
    const uri = await client.open(file, bad);
    const diagnostics = await client.diagnostics(uri, (d) => d.length > 0);
    const value = diagnostics.find((d) => d.code === 'schema/invalid-value');
    const at = locate(bad, 'serviceStaff: many');
    assert.deepEqual(value?.range, { start: { line: at.line, character: at.character + 14 }, end: { line: at.line, character: at.character + 18 } });
    const unknown = diagnostics.find((d) => d.code === 'schema/unknown-field');
    const key = locate(bad, 'registerdOffice');
    assert.deepEqual(unknown?.range, { start: key, end: { line: key.line, character: key.character + 'registerdOffice'.length } });
    assert.match(messageOf(unknown), /did you mean "registeredOffice"|registerdOffice/);
  });

  it('reports input problems in Chinese too when the language setting is zh', async function () {
    await client.setSettings({ language: 'zh' });
    const bad = text.replace('serviceStaff: 14', 'serviceStaff: many');
    const uri = await client.open(file, bad);
    const diagnostics = await client.diagnostics(uri, (d) => d.some((x) => x.code === 'schema/invalid-value'));
    const value = diagnostics.find((d) => d.code === 'schema/invalid-value')!;
    assert.match(messageOf(value), /^people\.serviceStaff 必须是整数/);
  });

  it('reports a missing evidence file, a hash mismatch, a path outside the folder and an expired document', async function () {
    fs.rmSync(path.join(dir, 'evidence', 'audit-2023.md'));
    fs.appendFileSync(path.join(dir, 'evidence', 'audit-2024.md'), 'tampered\n');
    const bad = text.replace('path: evidence/business-licence.md', 'path: ../outside.md').replace('validUntil: 2031-12-31', 'validUntil: 2020-01-31');
    const uri = await client.open(file, bad);
    const diagnostics = await client.diagnostics(uri, (d) => d.filter((x) => x.code === 'isccc/evidence-integrity').length >= 4);
    const integrity = diagnostics.filter((d) => d.code === 'isccc/evidence-integrity');
    const lineOf = (needle: string) => locate(bad, needle).line;
    const on = (line: number) => integrity.find((d) => d.range.start.line === line);
    assert.ok(on(lineOf('../outside.md')), 'outside the workspace, on the path');
    assert.ok(on(lineOf('validUntil: 2020-01-31')), 'expired, on validUntil');
    assert.ok(on(lineOf('path: evidence/audit-2023.md')), 'missing, on the path');
    const digest = crypto
      .createHash('sha256')
      .update(fs.readFileSync(path.join(dir, 'evidence', 'audit-2024.md')))
      .digest('hex');
    const mismatch = on(lineOf('3a8c025b54d150fe00ae12570bb5b894e4a691775c407f058bb47a14f1563213'));
    assert.ok(mismatch, 'hash mismatch, on sha256');
    assert.equal((mismatch.data as { actual: string }).actual, digest);
    for (const d of integrity) assert.match(messageOf(d), /\d\.\d\.\d/, 'names its clause');
  });

  it('evaluates for the configured target level', async function () {
    await client.setSettings({ language: 'en', targetLevel: 2 });
    const uri = await client.open(file);
    const diagnostics = await client.diagnostics(uri, (d) => d.some((x) => x.code === 'isccc/service-staff'));
    assert.match(messageOf(diagnostics.find((d) => d.code === 'isccc/service-staff')!), /4\.2\.4 d\).*≥30/);
  });
});
