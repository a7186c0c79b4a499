/**
 * The server's evaluation thread (issue 9 §3, issue 12): manifests are evaluated off the request path, a hostile
 * rule file becomes a located finding instead of a stuck server, a newer edit cancels the evaluation before it,
 * and a deadline stops an evaluation that runs too long. Run on the compiled server entry, as the server does.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { evidenceIndex, type Finding, loadRulebookFiles, parseManifest, type Rule } from '@isccc/rules';
import { Evaluator } from '../src/documents/evaluator.js';
import { evidenceRootOf } from '../src/documents/evidence-root.js';
import { DocumentSymbolRequest } from 'vscode-languageserver-protocol/node';
import { closeExample, copyExample, EXAMPLES, locate, messageOf, REPO, SERVER, TestClient } from './support/client.js';

const FILE = path.join(EXAMPLES, 'risk-assessment-l3-pass', 'manifest.isccc.yaml');
const manifest = parseManifest(fs.readFileSync(FILE, 'utf8'), FILE).manifest!;
const list = `[${Array.from({ length: 150 }, (_, i) => i).join(', ')}]`;

/** A workspace rule replacing the shipped service-staff rule with the given condition. */
function workspaceRule(condition: string): Rule[] {
  const text = [
    'isccc: rules/v1',
    'edition: isccc-sv-001:2015',
    'rules:',
    '  - id: isccc/service-staff',
    '    title: { zh: 测试, en: Hostile }',
    '    type: condition',
    '    source: people.serviceStaff',
    `    condition: '${condition}'`,
    '    message: { zh: "{clause} 不符合", en: "{clause} fails" }',
    '    checks:',
    '      - { clause: 4.1.4.d, expected: 10 }',
    '',
  ].join('\n');
  const loaded = loadRulebookFiles([{ file: '/workspace/hostile.rules.yaml', text }]);
  assert.deepEqual(loaded.problems, []);
  return loaded.rulebook.rules;
}

const staffFinding = (findings: Finding[]) => findings.find((f) => f.rule === 'isccc/service-staff' && f.clause === '4.1.4.d')!;

describe('evaluation thread', function () {
  // Generous: a worker thread starts on a loaded two-core machine. Nothing here is a timing assertion.
  this.timeout(120_000);
  let evaluator: Evaluator;
  const logs: string[] = [];
  afterEach(() => evaluator.dispose());

  it('evaluates a manifest on the thread as the evaluator does here', async function () {
    evaluator = new Evaluator(SERVER, (where, error) => logs.push(`${where}: ${String(error)}`));
    const result = await evaluator.evaluate({ uri: 'file:///m.isccc.yaml', manifest, workspaceDir: path.dirname(FILE), generation: 1, workspaceRules: [] });
    assert.ok('evaluation' in result, JSON.stringify(result).slice(0, 300));
    assert.equal(result.evaluation.summary.qualifyingLevel, 3);
    assert.equal(staffFinding(result.evaluation.findings).status, 'pass');
    assert.deepEqual(logs, []);
  });

  it('turns a hostile rule into a finding at the rule file’s line, and keeps evaluating what comes next', async function () {
    evaluator = new Evaluator(SERVER, (where, error) => logs.push(`${where}: ${String(error)}`));
    const hostile = workspaceRule(`{l: ${list}, n: count(for a in l, b in l, c in l return 1)}.n > 0`);
    const first = await evaluator.evaluate({ uri: 'file:///a.isccc.yaml', manifest, generation: 2, workspaceRules: hostile });
    assert.ok('evaluation' in first);
    const finding = staffFinding(first.evaluation.findings);
    assert.equal(finding.status, 'fail');
    assert.match(finding.message.en, /was stopped \(\/workspace\/hostile\.rules\.yaml:8:\d+\)/);
    assert.equal(finding.related[0]!.range!.start.line, 7);
    const second = await evaluator.evaluate({ uri: 'file:///b.isccc.yaml', manifest, generation: 3, workspaceRules: [] });
    assert.ok('evaluation' in second);
    assert.equal(staffFinding(second.evaluation.findings).status, 'pass');
  });

  it('cancels a document’s evaluation when a newer one of it is asked for', async function () {
    evaluator = new Evaluator(SERVER, () => undefined, 60_000);
    // Long but within its budget on a loaded machine: roughly a second of steps per check.
    const slow = workspaceRule(`{l: ${list}, n: count(for a in l, b in l return a * b)}.n > 0 and count(for a in l, b in l return a + b) > 0`);
    const older = evaluator.evaluate({ uri: 'file:///c.isccc.yaml', manifest, generation: 4, workspaceRules: slow });
    const newer = evaluator.evaluate({ uri: 'file:///c.isccc.yaml', manifest, generation: 5, workspaceRules: [] });
    assert.deepEqual(await older, { cancelled: true });
    const result = await newer;
    assert.ok('evaluation' in result);
    assert.equal(staffFinding(result.evaluation.findings).status, 'pass');
  });

  it('answers a manifest on disk with its evaluation first and its evidence root after it, the root isccc packet prints', async function () {
    evaluator = new Evaluator(SERVER, (where, error) => logs.push(`${where}: ${String(error)}`));
    const text = fs.readFileSync(FILE, 'utf8');
    const result = await evaluator.evaluate({
      uri: 'file:///e.isccc.yaml',
      manifest,
      workspaceDir: path.dirname(FILE),
      evidenceOf: { file: FILE, text },
      generation: 1,
      workspaceRules: [],
    });
    assert.ok('evaluation' in result && result.evidence, JSON.stringify(result).slice(0, 300));
    // The evaluation read the evidence files the root is made from: the one check of them serves both.
    assert.equal(result.evaluation.evidenceFilesChecked, true);
    const evidence = await result.evidence;
    assert.deepEqual(evidence, evidenceRootOf(manifest, FILE, text));
    assert.ok(evidence && 'root' in evidence, JSON.stringify(evidence));
    assert.equal(evidence.root, evidenceIndex({ manifest, manifestFile: FILE }).root);
    assert.equal(evidence.files, manifest.evidence.length + 1);
    assert.deepEqual(logs, []);
  });

  it('makes no evidence root for a job cancelled after its evaluation, and takes the next job', async function () {
    evaluator = new Evaluator(SERVER, () => undefined);
    const text = fs.readFileSync(FILE, 'utf8');
    const request = {
      uri: 'file:///f.isccc.yaml',
      manifest,
      workspaceDir: path.dirname(FILE),
      evidenceOf: { file: FILE, text },
      generation: 1,
      workspaceRules: [],
    };
    const first = await evaluator.evaluate(request);
    assert.ok('evaluation' in first && first.evidence);
    // A newer edit of the document comes before the root does.
    evaluator.cancel(request.uri);
    const root = await first.evidence;
    assert.ok(root === undefined || 'root' in root, `the root of a cancelled job is none (or made before the cancel): ${JSON.stringify(root)}`);
    const next = await evaluator.evaluate(request);
    assert.ok('evaluation' in next && next.evidence);
    assert.ok('root' in ((await next.evidence) ?? {}));
  });

  it('stops an evaluation at its deadline: the checks still running are findings, not a stuck thread', async function () {
    evaluator = new Evaluator(SERVER, () => undefined, 1);
    const slow = workspaceRule(`{l: ${list}, n: count(for a in l, b in l return a * b) + count(for a in l, b in l return a + b)}.n > 0`);
    const result = await evaluator.evaluate({ uri: 'file:///d.isccc.yaml', manifest, generation: 6, workspaceRules: slow });
    assert.ok('evaluation' in result, JSON.stringify(result).slice(0, 300));
    const finding = staffFinding(result.evaluation.findings);
    assert.equal(finding.status, 'fail');
    assert.match(finding.message.en, /longer than the whole evaluation may take/);
  });
});

describe('language server with a hostile rule file open (issue 9 §3)', function () {
  this.timeout(120_000);

  it('keeps answering, and shows the overrun on the manifest with the rule file’s position', async function () {
    const dir = copyExample('risk-assessment-l3-pass');
    const client = await TestClient.start(dir, { debounceMs: 0 });
    try {
      const manifestFile = path.join(dir, 'manifest.isccc.yaml');
      const ruleFile = path.join(dir, 'hostile.rules.yaml');
      const condition = `{l: ${list}, n: count(for a in l, b in l, c in l return 1)}.n > 0`;
      const text = fs
        .readFileSync(path.join(REPO, 'rules', 'rulebooks', 'isccc-sv-001-2015', 'service-staff.rules.yaml'), 'utf8')
        .replace('condition: actual >= expected', `condition: '${condition}'`);
      const ruleUri = await client.open(ruleFile, text);
      await client.diagnostics(ruleUri, () => true);
      const uri = await client.open(manifestFile);
      // The server answers a request while the manifest is being evaluated (each hostile check runs to its budget,
      // on the evaluation thread): the answer comes before the manifest's diagnostics.
      const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as unknown[];
      assert.ok(symbols.length > 0);
      assert.equal(client.count(uri), 0, 'the request was answered while the evaluation was still running');
      const diagnostics = await client.diagnostics(uri, (d) => d.some((x) => x.code === 'isccc/service-staff'));
      const overrun = diagnostics.filter((d) => d.code === 'isccc/service-staff');
      assert.ok(overrun.length > 0);
      const line = locate(text, 'condition:').line;
      for (const d of overrun) {
        assert.match(messageOf(d), new RegExp(`was stopped \\(.*hostile\\.rules\\.yaml:${line + 1}:\\d+\\)`));
        const at = d.relatedInformation!.find((r) => r.location.uri.endsWith('hostile.rules.yaml'))!;
        assert.equal(at.location.range.start.line, line);
      }
    } finally {
      await closeExample(dir, client);
    }
  });
});
