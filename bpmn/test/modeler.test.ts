/**
 * The plugin in Camunda Modeler's own building blocks (headless chromium): camunda-bpmn-js's Camunda Cloud modeler
 * with properties panel and element templates, @camunda/linting with the built plugin's client script loaded the way
 * the Modeler loads plugin scripts. Screenshots in bpmn/.artifacts/modeler/.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { buildTemplates, ELEMENT_TEMPLATES_DIR, TEMPLATE_VERSION, VERSIONED_DIR } from '../scripts/element-templates.js';
import { buildModelerPlugin } from '../scripts/modeler-plugin.js';
import { MODEL_FILES, modelPath, packageRoot } from '../src/models.js';
import type { ProcessKey } from '../src/task-types.js';
import { camunda7ModelPath } from '../src/camunda7/index.js';
import { requireChromium } from './support/chromium.js';
import { ModelerPage } from './support/modeler.js';
import { differences } from './support/semantics.js';

const ARTIFACTS = path.join(packageRoot, '.artifacts', 'modeler');
const KEYS = Object.keys(MODEL_FILES) as ProcessKey[];
const fixture = (rule: string, file: string): string => fs.readFileSync(path.join(packageRoot, 'test', 'lint', rule, file), 'utf8');
const released = fs.readdirSync(VERSIONED_DIR).flatMap((f) => JSON.parse(fs.readFileSync(path.join(VERSIONED_DIR, f), 'utf8')) as unknown[]);
const current = fs
  .readdirSync(ELEMENT_TEMPLATES_DIR)
  .filter((f) => f.endsWith('.json'))
  .flatMap((f) => JSON.parse(fs.readFileSync(path.join(ELEMENT_TEMPLATES_DIR, f), 'utf8')) as unknown[]);

interface Report {
  rule: string;
  id?: string;
  message: string;
  category: string;
}
interface Opened {
  error?: string;
  warnings: string[];
  templateErrors: string[];
  reports: Report[];
}
const isccc = (reports: Report[]): Report[] => reports.filter((r) => r.rule.startsWith('isccc/'));
const show = (reports: Report[]): string => reports.map((r) => `${r.rule} [${r.category}] ${r.id ?? ''}: ${r.message}`).join('\n');

describe('Camunda Modeler plugin in the Modeler stack (camunda-bpmn-js, @camunda/linting, headless chromium)', function () {
  this.timeout(300_000);
  const modeler = new ModelerPage();

  before(async function () {
    requireChromium(this);
    const pluginDir = await buildModelerPlugin(path.join(packageRoot, 'dist', 'test-modeler-plugin', 'isccc-flow'));
    await modeler.start(pluginDir);
    // the Modeler hands a tab every template of its folders: the current ones and the released versions
    await modeler.call('setTemplates', [...current, ...released]);
  });

  after(async () => {
    await modeler.stop();
  });

  it('the plugin registers its lint rules for Camunda 8 and Camunda 7 diagrams, and ships the templates and forms', async () => {
    assert.deepEqual(await modeler.call<string[]>('pluginTypes'), ['lintRules.cloud-bpmn', 'lintRules.bpmn']);
    const dir = path.join(packageRoot, 'dist', 'test-modeler-plugin', 'isccc-flow');
    assert.deepEqual(fs.readdirSync(path.join(dir, 'element-templates')).sort(), fs.readdirSync(ELEMENT_TEMPLATES_DIR).sort());
    assert.ok(fs.readdirSync(path.join(dir, 'forms')).length >= 9);
    assert.deepEqual(modeler.pageErrors, []);
  });

  for (const key of KEYS) {
    it(`${MODEL_FILES[key]} imports with no warnings, its templates are known, and it shows no lint issue`, async () => {
      const opened = await modeler.call<Opened>('open', fs.readFileSync(modelPath(key), 'utf8'));
      await modeler.screenshot(path.join(ARTIFACTS, `${key}.png`));
      assert.equal(opened.error, undefined);
      assert.deepEqual(opened.warnings, []);
      assert.deepEqual(opened.templateErrors, []);
      assert.equal(show(opened.reports), '');
    });

    it(`${MODEL_FILES[key]}: applying each element's template to it changes nothing (round trip through bpmn-moddle, element by element)`, async () => {
      const xml = fs.readFileSync(modelPath(key), 'utf8');
      await modeler.call<Opened>('open', xml);
      const { relinked, missing, xml: after } = await modeler.call<{ relinked: number; missing: string[]; xml: string }>('relink');
      assert.deepEqual(missing, []);
      assert.equal(relinked, (xml.match(/zeebe:modelerTemplateVersion=/g) ?? []).length);
      assert.deepEqual(await differences(xml, after), []);
    });

    it(`${MODEL_FILES[key]}: elements linked to version 1 of their template upgrade to version ${TEMPLATE_VERSION} keeping their settings`, async () => {
      const xml = fs.readFileSync(modelPath(key), 'utf8');
      await modeler.call<Opened>('open', xml);
      const marked = await modeler.call<number>('markVersion', 1);
      assert.ok(marked > 0, 'no element has a version 1 template');
      const upgraded = await modeler.call<string>('upgrade');
      assert.deepEqual(await differences(xml, upgraded), []);
    });
  }

  it('the generated Camunda 7 models show no ISCCC issue under the Camunda 7 lint plugin', async () => {
    for (const key of KEYS) {
      const reports = await modeler.call<Report[]>('lintXml', fs.readFileSync(camunda7ModelPath(key), 'utf8'), 'platform');
      assert.equal(show(isccc(reports)), '', key);
    }
  });

  it('every template applies to a new element of its kind, which then shows no template or ISCCC element issue', async () => {
    const empty = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:modeler="http://camunda.org/schema/modeler/1.0" id="Definitions_1" targetNamespace="https://isccc-flow.example/bpmn" modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.8.0">
  <bpmn:process id="Process_1" isExecutable="true" />
  <bpmndi:BPMNDiagram id="Diagram_1"><bpmndi:BPMNPlane id="Plane_1" bpmnElement="Process_1" /></bpmndi:BPMNDiagram>
</bpmn:definitions>`;
    await modeler.call<Opened>('open', empty);
    const { results, reports } = await modeler.call<{
      results: { template: string; id: string; type: string; linked: string; version: number }[];
      reports: Report[];
    }>('applyEvery');
    await modeler.screenshot(path.join(ARTIFACTS, 'every-template.png'));
    const templates = buildTemplates() as { id: string; elementType?: { value: string } }[];
    assert.equal(results.length, templates.length);
    for (const r of results) {
      const t = templates.find((x) => x.id === r.template)!;
      assert.deepEqual([r.linked, r.version], [t.id, TEMPLATE_VERSION]);
      if (t.elementType) assert.equal(r.type, t.elementType.value, t.id);
    }
    // a diagram of loose elements lacks flows, deadlines and a process scope; what matters here is what a template
    // sets on its element: the template's own fields, the clause, job type, form, message and committee
    const templated = new Map(results.map((r) => [r.id, r.template]));
    const ELEMENT_RULES = /element-templates|^isccc\/(clause-property|task-type-known|user-task-form|message-known|committee)$/;
    const about = reports.filter((r) => r.id && templated.has(r.id) && ELEMENT_RULES.test(r.rule));
    // a template cannot make a task multi-instance: for the committee's vote the committee rule says what to do
    const vote = [...templated].find(([, t]) => t === 'isccc-flow.user-task.committee-vote')![0];
    assert.ok(
      about.some((r) => r.id === vote && r.rule === 'isccc/committee' && r.message.includes('parallel multi-instance')),
      show(about),
    );
    assert.equal(show(about.filter((r) => r.id !== vote)), '');
  });

  const cases: [string, string, string, string][] = [
    ['a committee of 4', 'committee', 'invalid-committee-of-four.bpmn', 'isccc/committee'],
    ['a P6M suspension', 'suspension-three-months', 'invalid-six-months.bpmn', 'isccc/suspension-three-months'],
    ['a P18M surveillance timer', 'surveillance-interval', 'invalid-surveillance-18-months.bpmn', 'isccc/surveillance-interval'],
    ['an unknown job type', 'task-type-known', 'invalid-unknown-types.bpmn', 'isccc/task-type-known'],
    ['a user task without a form', 'user-task-form', 'invalid-missing-form.bpmn', 'isccc/user-task-form'],
  ];
  for (const [what, rule, file, expected] of cases) {
    it(`${what} (${file}) shows the ISCCC issue it expects`, async () => {
      const xml = fixture(rule, file);
      const reports = await modeler.call<Report[]>('lintXml', xml, 'cloud');
      for (const m of xml.matchAll(/<!--\s*expect:\s*([^:]+):\s*(.*?)\s*-->/g)) {
        assert.ok(
          reports.some((r) => r.rule === expected && r.id === m[1]!.trim() && r.message.includes(m[2]!)),
          `missing ${m[1]}: ${m[2]} in\n${show(reports)}`,
        );
      }
    });
  }

  it('the moment a process owner makes the committee even or the suspension six months, the Modeler shows it', async () => {
    await modeler.call<Opened>('open', fs.readFileSync(modelPath('certification'), 'utf8'));
    await modeler.call('setCommitteeSize', 'Task_CommitteeVote', 4);
    const even = isccc(await modeler.call<Report[]>('lint'));
    await modeler.call('zoom', 1, 'Task_CommitteeVote');
    assert.ok(await modeler.call<boolean>('showError', 'isccc/committee', 'Task_CommitteeVote'));
    await modeler.screenshot(path.join(ARTIFACTS, 'committee-of-four.png'));
    assert.ok(
      even.some((r) => r.rule === 'isccc/committee' && r.id === 'Task_CommitteeVote' && r.category === 'error' && r.message.includes('a committee of 4')),
      show(even),
    );

    await modeler.call<Opened>('open', fs.readFileSync(modelPath('lifecycle'), 'utf8'));
    await modeler.call('setTimerDuration', 'Timer_SuspensionExpired', 'P6M');
    const sixMonths = isccc(await modeler.call<Report[]>('lint'));
    await modeler.call('zoom', 1, 'Timer_SuspensionExpired');
    assert.ok(await modeler.call<boolean>('showError', 'isccc/suspension-three-months', 'Timer_SuspensionExpired'));
    await modeler.screenshot(path.join(ARTIFACTS, 'suspension-six-months.png'));
    assert.ok(
      sixMonths.some((r) => r.rule === 'isccc/suspension-three-months' && r.category === 'warn' && r.message.includes('一般为三个月')),
      show(sixMonths),
    );
    assert.deepEqual(modeler.pageErrors, []);
  });
});
