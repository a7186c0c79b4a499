import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { loadCatalog } from '../../src/catalog/catalog.js';
import { renderRuleDoc, ruleDocPath } from '../../src/docs/rule-docs.js';
import { ruleFixtures, runFixture } from '../../src/docs/rule-fixtures.js';
import { isBlocking } from '../../src/evaluate/evaluate.js';
import { loadRulebook, uncoveredClauses } from '../../src/rulebook/rulebook.js';

const rulebook = loadRulebook();
const catalog = loadCatalog();

describe('rulebook isccc-sv-001:2015', () => {
  it('judges every quantitative, evidence and auditor clause of the catalog', () => {
    assert.deepEqual(
      uncoveredClauses(catalog, rulebook).map((c) => c.id),
      [],
    );
  });

  it('only checks clauses that are quantitative (evidence clauses belong to isccc/evidence)', () => {
    const misplaced = rulebook.rules.flatMap((r) => r.checks.filter((c) => catalog.get(c.clause)?.kind !== 'quantitative').map((c) => `${r.id} ${c.clause}`));
    assert.deepEqual(misplaced, []);
  });

  for (const rule of rulebook.rules) {
    describe(rule.id, () => {
      const fixtures = ruleFixtures(rule.id);

      it('has valid-* and invalid-* fixtures beside its test (the assessor rule needs no invalid one)', () => {
        assert.ok(
          fixtures.some((f) => f.valid),
          'no valid-*.yaml fixture',
        );
        if (rule.type !== 'assessor')
          assert.ok(
            fixtures.some((f) => !f.valid),
            'no invalid-*.yaml fixture',
          );
      });

      it('has an up-to-date doc page (npm run -w rules docs)', () => {
        const file = ruleDocPath(rule.id);
        assert.ok(fs.existsSync(file), `missing ${path.relative(process.cwd(), file)}`);
        assert.equal(fs.readFileSync(file, 'utf8'), renderRuleDoc(rule, catalog), `${path.basename(file)} is stale: run npm run -w rules docs`);
      });

      for (const fixture of fixtures) {
        it(`${path.basename(fixture.file)}: ${fixture.description}`, () => {
          const { findings } = runFixture(fixture, rule, rulebook);
          if (rule.type === 'evidence-integrity' && fixture.valid) {
            assert.deepEqual(
              findings.map((f) => f.message.en),
              [],
              'an intact document yields no finding',
            );
            return;
          }
          assert.ok(findings.length > 0, `the rule produced no finding${fixture.clause ? ` for ${fixture.clause}` : ''}`);
          const summary = findings.map((f) => `${f.clauseLabel} ${f.status}: ${f.message.en}`).join('\n');
          if (fixture.expect) {
            const { status, message } = fixture.expect;
            const matching = findings.filter((f) => (!status || f.status === status) && (!message || f.message.en.includes(message)));
            assert.ok(matching.length > 0, `no finding${status ? ` with status ${status}` : ''}${message ? ` saying "${message}"` : ''}:\n${summary}`);
            for (const f of matching)
              assert.ok(f.message.en.startsWith(`${f.clauseLabel} `) || f.message.en.includes(f.clauseLabel), 'the message names the clause');
            if (!fixture.valid && !status) assert.ok(findings.some(isBlocking), summary);
            if (fixture.valid) assert.ok(!findings.some(isBlocking), summary);
            return;
          }
          if (rule.type === 'assessor') {
            assert.ok(
              findings.every((f) => f.status === 'manual-review'),
              summary,
            );
          } else if (fixture.valid) {
            assert.ok(
              findings.every((f) => f.status === 'pass'),
              summary,
            );
          } else {
            assert.ok(findings.some(isBlocking), summary);
            for (const f of findings.filter(isBlocking)) {
              assert.match(f.message.en, new RegExp(f.clauseLabel.replace(/[.)(]/g, '\\$&')), 'the message names the clause');
              assert.match(f.message.zh, new RegExp(f.clauseLabel.replace(/[.)(]/g, '\\$&')), 'the Chinese message names the clause');
            }
          }
        });
      }
    });
  }
});
