import assert from 'node:assert/strict';
import { loadRulebookFiles, parseRuleFile } from '../../src/rulebook/rulebook.js';

const header = 'isccc: rules/v1\nedition: isccc-sv-001:2015\nrules:\n';
const rule = (id: string, condition: string, clause = '4.1.4.d') =>
  `  - id: ${id}\n    title: { zh: 测试, en: Test }\n    type: condition\n    condition: ${condition}\n    message: { zh: "{clause} 不符合", en: "{clause} fails" }\n    checks:\n      - { clause: "${clause}", expected: 10 }\n`;

describe('rule files (untrusted input)', () => {
  it('reports a FEEL syntax error at its exact position inside the YAML value', () => {
    const text = header + rule('isccc/broken', 'serviceStaff >= ');
    const { problems } = parseRuleFile('broken.rules.yaml', text);
    assert.equal(problems.length, 1);
    assert.equal(problems[0]!.code, 'rules/feel-syntax');
    // line 7 (0-based 6): YAML trims the plain scalar to "serviceStaff >="; the error is where the operand is missing
    assert.deepEqual(problems[0]!.range.start, { line: 6, character: 4 + 'condition: '.length + 'serviceStaff >='.length });
  });

  it('refuses loops over numeric ranges and function definitions', () => {
    for (const condition of ['count(for i in 1..100000000 return i) > 0', '(function(x) x + 1)(1) > 0']) {
      const { problems } = parseRuleFile('hostile.rules.yaml', header + rule('isccc/hostile', `"${condition}"`));
      assert.ok(
        problems.some((p) => p.code === 'rules/feel-unsafe'),
        condition,
      );
    }
  });

  it('reports an unknown clause id on the clause value', () => {
    const { problems } = parseRuleFile('x.rules.yaml', header + rule('isccc/x', 'serviceStaff >= expected', '4.9.9 z)'));
    assert.equal(problems[0]!.code, 'rules/unknown-clause');
    assert.equal(problems[0]!.clause, '4.9.9.z');
    assert.equal(problems[0]!.range.start.line, 9);
  });

  it('reports a duplicate rule id across files', () => {
    const { problems, rulebook } = loadRulebookFiles([
      { file: 'a.rules.yaml', text: header + rule('isccc/same', 'serviceStaff >= expected') },
      { file: 'b.rules.yaml', text: header + rule('isccc/same', 'serviceStaff >= expected') },
    ]);
    assert.equal(rulebook.rules.length, 1);
    assert.equal(problems[0]!.code, 'rules/duplicate-id');
    assert.match(problems[0]!.message, /duplicate rule id "isccc\/same" \(also in a\.rules\.yaml\)/);
  });

  it('validates the rule file against its schema, naming the field', () => {
    const { problems } = parseRuleFile('s.rules.yaml', header + '  - id: Bad Id\n    title: { zh: x, en: x }\n    type: magic\n');
    const messages = problems.map((p) => p.message);
    assert.ok(
      messages.some((m) => /rules\[0\]\.id must match pattern/.test(m)),
      messages.join('\n'),
    );
    assert.ok(
      messages.some((m) => /rules\[0\]\.type must be one of "condition"/.test(m)),
      messages.join('\n'),
    );
  });

  it('does not let expected values become FEEL code', () => {
    const text = header + rule('isccc/literal', 'expected = "x) or true or (x"').replace('expected: 10', 'expected: "x) or true or (x"');
    const { rules, problems } = parseRuleFile('l.rules.yaml', text);
    assert.deepEqual(problems, []);
    assert.equal(rules[0]!.checks[0]!.expected, 'x) or true or (x');
  });
});
