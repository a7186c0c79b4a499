import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../../src/models.js';
import { docPath, renderPage } from '../../scripts/lint-docs.js';
import { ISCCC_RULES, lint } from '../../scripts/lint-runner.js';

/**
 * bpmnlint's layout for rule tests: `valid-*.bpmn` and `invalid-*.bpmn` beside the rule's test, linted by
 * the real Linter with the rule resolved through the plugin (`isccc/<rule>`) as the CLI resolves it.
 * An invalid fixture lists what it must produce in comments `<!-- expect: ElementId: message part -->`;
 * nothing else may be reported. Each rule runs with its category in `plugin:isccc/recommended`; a Camunda 7 fixture
 * (camunda namespace) is parsed with camunda-bpmn-moddle, a Camunda 8 one with zeebe-bpmn-moddle.
 */
export function describeRuleFixtures(rule: string): void {
  const dir = path.join(packageRoot, 'test', 'lint', rule);
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.bpmn'))
    .sort();
  const category = ISCCC_RULES[rule];
  const config = { rules: { [`isccc/${rule}`]: category } };

  describe(`isccc/${rule}`, () => {
    it('is a rule of plugin:isccc/recommended', () => {
      assert.ok(category === 'error' || category === 'warn', `isccc/${rule} is not in the recommended config`);
    });

    it('has valid and invalid fixtures and a doc page whose examples are those fixtures, as bpmnlint reports them', async () => {
      assert.ok(
        files.some((f) => f.startsWith('valid-')),
        'no valid-*.bpmn',
      );
      assert.ok(
        files.some((f) => f.startsWith('invalid-')),
        'no invalid-*.bpmn',
      );
      const doc = fs.readFileSync(docPath(rule), 'utf8');
      assert.equal(doc, await renderPage(rule), `lint/docs/rules/${rule}.md is stale: npm run -w bpmn lint-docs`);
      for (const file of files) assert.ok(doc.includes(`[\`${file}\`]`), `${rule}.md does not show ${file}`);
    });

    for (const file of files) {
      const xml = fs.readFileSync(path.join(dir, file), 'utf8');
      if (file.startsWith('valid-')) {
        it(`accepts ${file}`, async () => {
          assert.deepEqual(await lint(xml, config), {});
        });
      } else if (file.startsWith('invalid-')) {
        const expected = [...xml.matchAll(/<!--\s*expect:\s*([^:]+):\s*(.*?)\s*-->/g)].map((m) => ({ id: m[1]!.trim(), message: m[2]! }));
        it(`reports ${file}`, async () => {
          assert.ok(expected.length, `${file} has no <!-- expect: … --> comment`);
          const reports = (await lint(xml, config))[`isccc/${rule}`] ?? [];
          const actual = reports.map((r) => `${r.id}: ${r.message}`);
          for (const e of expected) {
            assert.ok(
              reports.some((r) => r.id === e.id && r.message.includes(e.message)),
              `missing "${e.id}: ${e.message}" in\n${actual.join('\n')}`,
            );
          }
          assert.equal(reports.length, expected.length, `unexpected reports:\n${actual.join('\n')}`);
          assert.ok(
            reports.every((r) => r.category === category),
            `reported as ${reports.map((r) => r.category).join(', ')}, not ${String(category)}`,
          );
        });
      }
    }
  });
}
