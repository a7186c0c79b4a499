/**
 * Every form of the user tasks, in a real browser (@bpmn-io/form-js in Debian chromium): it imports cleanly,
 * shows the rule-check findings read-only, refuses what it must refuse, and a person who fills it in submits
 * exactly the variables the next element reads — the same data the engines' own submission (src/forms.ts)
 * yields. A screenshot of each form is saved in bpmn/.artifacts/forms/.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { loadCatalog } from '@isccc/rules';
import { buildForms, formFile, serialiseForm } from '../scripts/forms.js';
import { formFields, loadForm, submitForm } from '../src/forms.js';
import { packageRoot } from '../src/models.js';
import { USER_TASKS, userTaskSpec } from '../src/task-types.js';
import { SCENARIOS, type Action } from './forms/fixtures.js';
import { FormRenderer, type OpenForm } from './support/form-render.js';
import { requireChromium } from './support/chromium.js';

const ARTIFACTS = path.join(packageRoot, '.artifacts', 'forms');

async function act(form: OpenForm, actions: Action[]): Promise<void> {
  for (const [kind, label, value] of actions) {
    if (kind === 'type') await form.type(label, value);
    else if (kind === 'choose') await form.choose(label, value);
    else if (kind === 'pick') await form.pick(label, value);
    else await form.tick(label, value);
  }
}

const catalog = loadCatalog();

describe('forms (bpmn/forms, form-js schema)', () => {
  it('are generated from the contract (npm run -w bpmn forms)', () => {
    for (const [formId, form] of buildForms()) assert.equal(fs.readFileSync(formFile(formId), 'utf8'), serialiseForm(form), formId);
    assert.deepEqual(fs.readdirSync(path.dirname(formFile('x'))).sort(), [...buildForms().keys()].map((id) => `${id}.form`).sort());
  });

  it('ask for exactly the outputs of their user task, show its findings and quote its clauses', () => {
    const problems: string[] = [];
    for (const spec of USER_TASKS) {
      const form = loadForm(spec.formId);
      const tops = new Set(formFields(form).map((f) => f.field.split('.')[0]!));
      const outputs = new Set<string>(spec.outputs.map((o) => o.name));
      for (const t of tops) if (!outputs.has(t)) problems.push(`${spec.formId}: field ${t} is no output of ${spec.task}`);
      for (const o of outputs) if (!tops.has(o)) problems.push(`${spec.formId}: output ${o} of ${spec.task} has no field`);
      const json = JSON.stringify(form);
      if (!json.includes(`"dataSource":"=${spec.findings}.rows"`)) problems.push(`${spec.formId}: no read-only table of ${spec.findings}`);
      if (!json.includes('English (our translation)')) problems.push(`${spec.formId}: no translation marked as ours`);
      const form0 = loadForm(spec.formId);
      const header = String((form0.components[0] as { text?: string }).text ?? '');
      for (const id of spec.clauses) {
        const c = catalog.get(id)!;
        // the Chinese clause text as printed (the catalog is checked against the standard), line by line
        for (const line of (c.text?.zh ?? '').split('\n'))
          if (!header.includes(line)) problems.push(`${spec.formId}: ${c.label} text "${line}" not quoted verbatim`);
      }
    }
    assert.deepEqual(problems, []);
  });

  it('the engines’ submission follows the form: hidden fields are left out, required ones refused, a departure needs its justification', () => {
    const s = SCENARIOS.find((x) => x.task === 'material-review')!;
    const form = loadForm('isccc-material-review');
    const follows = submitForm(form, s.variables, s.follow.submits);
    assert.deepEqual(follows.problems, []);
    assert.deepEqual(follows.data, s.follow.submits);
    const departs = submitForm(form, s.variables, { materialReviewOutcome: 'refused' });
    assert.deepEqual(
      departs.problems.map((p) => p.field),
      ['materialReviewJustification'],
    );
    const hidden = submitForm(form, s.variables, { materialReviewOutcome: 'accepted', grantedLevel: 3, missingMaterials: ['x'] });
    assert.deepEqual(
      hidden.problems.map((p) => `${p.field} ${p.message}`),
      ['missingMaterials is not a field this form shows'],
    );
    const above = submitForm(form, s.variables, { materialReviewOutcome: 'accepted', grantedLevel: 1, materialReviewJustification: 'x'.repeat(12) });
    assert.match(above.problems.map((p) => `${p.field} ${p.message}`).join(), /grantedLevel must be one of 2, 3/);
  });

  describe('in a browser (@bpmn-io/form-js viewer, headless chromium)', function () {
    this.timeout(120_000);
    const renderer = new FormRenderer();

    before(async function () {
      requireChromium(this);
      await renderer.start();
      fs.mkdirSync(ARTIFACTS, { recursive: true });
    });
    after(() => renderer.stop());

    it('a scenario exists for every user task', () => {
      assert.deepEqual(
        USER_TASKS.filter((t) => t.formId !== 'isccc-surveillance-review' || t.task === 'surveillance-review')
          .map((t) => t.task)
          .filter((t) => !SCENARIOS.some((s) => s.task === t)),
        [],
      );
    });

    for (const scenario of SCENARIOS) {
      const spec = userTaskSpec(scenario.task)!;
      it(`${spec.formId}: imports, shows the findings, refuses bad input, submits what ${spec.task} sets`, async () => {
        const schema = JSON.parse(fs.readFileSync(formFile(spec.formId), 'utf8')) as unknown;
        const form = loadForm(spec.formId);

        let opened = await renderer.open(schema, scenario.variables);
        try {
          assert.equal(opened.error, undefined);
          assert.deepEqual(opened.warnings, []);
          assert.deepEqual(opened.pageErrors, []);
          const text = await opened.form.text();
          const findings = scenario.variables[spec.findings] as { summary: { zh: string; en: string }; rows: { message: string; clause: string }[] };
          assert.ok(text.includes(findings.summary.zh) && text.includes(findings.summary.en), 'the summary of the findings shows');
          for (const row of findings.rows) assert.ok(text.includes(row.message) && text.includes(row.clause), `row ${row.clause} shows`);
          assert.ok(text.includes('English (our translation)'));

          // nothing filled in: refused
          const empty = await opened.form.submit();
          assert.ok(Object.keys(empty.errors).length > 0, 'an empty form is refused');

          // following the findings: no justification asked, exactly the outputs submitted
          await act(opened.form, scenario.follow.actions);
          const labels = (await opened.form.visibleLabels()).join('\n');
          assert.doesNotMatch(labels, /Why the decision departs|Reason \(required/, 'no justification asked when following the findings');
          const followed = await opened.form.submit();
          assert.deepEqual(followed.errors, {});
          assert.deepEqual(followed.data, scenario.follow.submits);
          const engine = submitForm(form, scenario.variables, followed.data);
          assert.deepEqual(engine.problems, []);
          assert.deepEqual(engine.data, followed.data, 'the engines submit what form-js submits');
          fs.writeFileSync(path.join(ARTIFACTS, `${spec.formId}.png`), await opened.form.screenshot());
        } finally {
          await opened.form.close();
        }

        // departing from the findings: the justification is required, then submitted
        opened = await renderer.open(schema, scenario.variables);
        try {
          await act(opened.form, scenario.depart.actions);
          const refused = await opened.form.submit();
          assert.ok(Object.keys(refused.errors).length > 0, 'a departure without a justification is refused');
          const justificationLabel = spec.justification === 'vote.reason' ? '理由（与记录不一致时必填）' : '偏离核查结果的理由';
          await opened.form.type(justificationLabel, scenario.depart.justification);
          const departed = await opened.form.submit();
          assert.deepEqual(departed.errors, {});
          assert.deepEqual(departed.data, scenario.depart.submits);
          const engine = submitForm(form, scenario.variables, departed.data);
          assert.deepEqual(engine.problems, []);
          assert.deepEqual(engine.data, departed.data);
          fs.writeFileSync(path.join(ARTIFACTS, `${spec.formId}-departing.png`), await opened.form.screenshot());

          if (scenario.invalid) {
            const [label, bad] = scenario.invalid;
            await opened.form.type(label, bad);
            const invalid = await opened.form.submit();
            assert.ok(Object.keys(invalid.errors).length > 0, `${bad} is refused for ${label}`);
            const field = formFields(form).find((f) => f.component.label === label)!.field;
            const values = structuredClone(departed.data);
            const parts = field.split('.');
            parts.slice(0, -1).reduce<Record<string, unknown>>((at, k) => at[k] as Record<string, unknown>, values)[parts.at(-1)!] = bad;
            assert.ok(
              submitForm(form, scenario.variables, values).problems.some((p) => p.field === field),
              'the engines refuse it too',
            );
          }
        } finally {
          await opened.form.close();
        }
      });
    }
  });
});
