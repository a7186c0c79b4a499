/**
 * Issue 9 §3: a rule file's FEEL that would hang or fill memory is a finding on that rule, at the rule file's
 * line and column, and the other rules still judge the manifest.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { evaluate, EvaluationMemo } from '../../src/evaluate/evaluate.js';
import { parseManifest } from '../../src/manifest/load.js';
import { packageRoot } from '../../src/paths.js';
import { loadRulebook, loadRulebookFiles, overlayRulebook } from '../../src/rulebook/rulebook.js';

const MANIFEST = path.resolve(packageRoot, '..', 'examples', 'risk-assessment-l3-pass', 'manifest.isccc.yaml');
const parsed = parseManifest(fs.readFileSync(MANIFEST, 'utf8'), MANIFEST);
const big = `[${Array.from({ length: 150 }, (_, i) => i).join(', ')}]`;
const doubling = `{${['a0: [1, 1]', ...Array.from({ length: 40 }, (_, i) => `a${i + 1}: concatenate(a${i}, a${i})`)].join(', ')}}.a40`;

function hostile(condition: string): { file: string; text: string } {
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
  return { file: '/workspace/hostile.rules.yaml', text };
}

describe('rule evaluation is bounded (issue 9 §3)', function () {
  // Generous limits for a loaded machine; nothing here is a timing assertion.
  this.timeout(60_000);

  for (const [name, condition, column] of [
    ['a backtracking regular expression', `matches("${'a'.repeat(34)}b", "^(a+)+$") or serviceStaff >= expected`, undefined],
    ['nested loops over literal lists', `{l: ${big}, n: count(for a in l, b in l, c in l return 1)}.n > 0`, `{l: ${big}, n: count(`.length],
    ['list doubling through context entries', `count(${doubling}) > 0`, undefined],
  ] as const) {
    it(`${name}: a located finding, not a hang`, function () {
      const overlay = loadRulebookFiles([hostile(condition)]);
      assert.deepEqual(overlay.problems, []);
      const rulebook = overlayRulebook(loadRulebook(), overlay.rulebook);
      const evaluation = evaluate({ manifest: parsed.manifest!, source: parsed.source, rulebook, target: { level: 3 } });
      const finding = evaluation.findings.find((f) => f.rule === 'isccc/service-staff' && f.clause === '4.1.4.d')!;
      if (name === 'a backtracking regular expression') {
        // RE2 answers in linear time: no overrun, the rule simply judges.
        assert.equal(finding.status, 'pass');
        return;
      }
      assert.equal(finding.status, 'fail');
      assert.match(
        finding.message.en,
        /4\.1\.4 d\) not judged: the condition of rule isccc\/service-staff needed .* and was stopped \(\/workspace\/hostile\.rules\.yaml:8:\d+\)/,
      );
      const where = finding.related[0]!;
      assert.equal(where.file, '/workspace/hostile.rules.yaml');
      assert.deepEqual(where.path, ['rules', 0, 'condition']);
      assert.equal(where.range!.start.line, 7);
      // The quoted scalar starts after `    condition: '`; the overrun is at the loop, not the start of the line.
      if (column !== undefined) assert.equal(where.range!.start.character, "    condition: '".length + column);
      // The rest of the rulebook still judged the manifest.
      assert.ok(evaluation.findings.filter((f) => f.rule !== 'isccc/service-staff' && f.status === 'pass').length > 10);
    });
  }

  it('re-runs only the checks whose facts an edit changed', function () {
    const memo = new EvaluationMemo();
    const first = evaluate({ manifest: parsed.manifest!, source: parsed.source, memo });
    const all = memo.ran;
    assert.ok(all > 20, `${all} checks`);
    evaluate({ manifest: parsed.manifest!, source: parsed.source, memo });
    assert.equal(memo.ran, 0, 'nothing changed: nothing re-run');
    const edited = structuredClone(parsed.manifest!);
    edited.people.serviceStaff = 3;
    const second = evaluate({ manifest: edited, memo });
    assert.ok(memo.ran > 0 && memo.ran < all / 4, `${memo.ran} of ${all} re-run`);
    const fresh = evaluate({ manifest: edited });
    assert.deepEqual(
      second.findings.map((f) => [f.rule, f.clause, f.status, f.message.en]),
      fresh.findings.map((f) => [f.rule, f.clause, f.status, f.message.en]),
    );
    assert.notDeepEqual(
      first.findings.map((f) => f.status),
      second.findings.map((f) => f.status),
    );
  });
});
