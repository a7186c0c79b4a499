import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Ajv } from 'ajv';
import { buildTemplateFiles, ELEMENT_TEMPLATES_DIR, serialiseTemplates, TEMPLATE_VERSION, VERSIONED_DIR } from '../scripts/element-templates.js';
import { MESSAGES, TASK_TYPES, TIMERS, USER_TASKS } from '../src/task-types.js';
import { extensions, loadModel } from './support/model.js';
import type { ModdleElement } from '../scripts/lint-runner.js';

const require = createRequire(import.meta.url);
const schema = require('@camunda/zeebe-element-templates-json-schema/resources/schema.json') as Record<string, unknown>;

interface Template {
  id: string;
  name: string;
  version: number;
  appliesTo: string[];
  elementType?: { value: string };
  properties: { type: string; value?: string; choices?: { value: string }[]; binding: Record<string, string> }[];
}

const read = (file: string): Template[] => JSON.parse(fs.readFileSync(file, 'utf8')) as Template[];
const files = buildTemplateFiles();
const current = Object.keys(files).flatMap((f) => read(path.join(ELEMENT_TEMPLATES_DIR, f)));
const versioned = fs.readdirSync(VERSIONED_DIR).flatMap((f) => read(path.join(VERSIONED_DIR, f)));
const byId = new Map(current.map((t) => [t.id, t]));

describe('element templates', () => {
  it('are generated from the task-type contract (npm run -w bpmn element-templates)', () => {
    for (const [file, templates] of Object.entries(files)) {
      assert.equal(fs.readFileSync(path.join(ELEMENT_TEMPLATES_DIR, file), 'utf8'), serialiseTemplates(templates), `${file} is stale`);
    }
  });

  it('validate against @camunda/zeebe-element-templates-json-schema, the released versions too', () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    const validate = ajv.compile(schema);
    const valid = (data: unknown): boolean => validate(data);
    const problems: string[] = [];
    for (const t of [...current, ...versioned]) {
      if (!valid(t)) problems.push(...(validate.errors ?? []).map((e) => `${t.id} v${t.version} ${e.instancePath} ${e.message}`));
    }
    assert.deepEqual(problems, []);
    // the schema is strict enough to catch a broken template
    assert.equal(valid({ ...current[0], properties: [{ type: 'Hidden', value: 'x', binding: { type: 'zeebe:taskDefinition' } }] }), false);
    assert.equal(valid({ ...current[0], appliesTo: undefined }), false);
  });

  it('cover every job type, user task, timer and message of the contract, each id once, all of the current version', () => {
    assert.equal(new Set(current.map((t) => t.id)).size, current.length);
    assert.ok(current.every((t) => t.version === TEMPLATE_VERSION));
    for (const t of TASK_TYPES) {
      const template = byId.get(`isccc-flow.${t.type}`);
      assert.equal(template?.properties.find((p) => p.binding.type === 'zeebe:taskDefinition' && p.binding.property === 'type')?.value, t.type);
    }
    for (const u of USER_TASKS)
      assert.equal(byId.get(`isccc-flow.user-task.${u.task}`)?.properties.find((p) => p.binding.type === 'zeebe:formDefinition')?.value, u.formId);
    for (const t of TIMERS) assert.ok(byId.has(`isccc-flow.timer.${t.template.id}`), t.elementId);
    for (const m of MESSAGES) assert.ok(byId.get(`isccc-flow.message.${m.process}.${m.name}`)?.properties.some((p) => p.value === m.name));
  });

  it('offer every combination of the clauses an element may serve, and are offered on plain tasks', () => {
    for (const t of TASK_TYPES) {
      const choices = byId
        .get(`isccc-flow.${t.type}`)!
        .properties.find((p) => p.binding.name === 'clause')!
        .choices!.map((c) => c.value);
      assert.equal(choices.length, 2 ** t.clauses.length - 1, t.type);
      assert.ok(choices.includes(t.clauses.join(', ')));
    }
    for (const t of current.filter((x) => x.elementType?.value === 'bpmn:ServiceTask' || x.elementType?.value === 'bpmn:UserTask')) {
      assert.deepEqual(t.appliesTo, ['bpmn:Task'], t.id);
    }
  });

  it('keep every released version, and each has a newer version to upgrade to', () => {
    assert.ok(versioned.length > 0, 'no released versions in element-templates/versioned');
    for (const old of versioned) {
      const next = byId.get(old.id);
      assert.ok(next, `${old.id} v${old.version} has no current version`);
      assert.ok(next.version > old.version, `${old.id}: v${old.version} is not older than v${next.version}`);
    }
  });

  it('are used by the shipped models: every element a template covers, and the messages, are linked to its current version', async () => {
    const problems: string[] = [];
    for (const key of ['certification', 'lifecycle'] as const) {
      const model = await loadModel(key);
      for (const node of model.flowNodes) {
        const attrs = node.$attrs as Record<string, string>;
        const id = (node.modelerTemplate as string | undefined) ?? attrs['zeebe:modelerTemplate'];
        const type = extensions(node, 'zeebe:TaskDefinition')[0]?.type as string | undefined;
        const expected = type
          ? `isccc-flow.${type}`
          : USER_TASKS.find((u) => (u.elementIds as readonly string[]).includes(node.id!))
            ? `isccc-flow.user-task.${USER_TASKS.find((u) => (u.elementIds as readonly string[]).includes(node.id!))!.task}`
            : TIMERS.find((t) => t.elementId === node.id)
              ? `isccc-flow.timer.${TIMERS.find((t) => t.elementId === node.id)!.template.id}`
              : messageTemplateOf(node, key);
        if (expected !== id) problems.push(`${key} ${node.id}: linked to ${String(id)}, its template is ${String(expected)}`);
        if (expected && node.modelerTemplateVersion !== TEMPLATE_VERSION) problems.push(`${key} ${node.id}: version ${String(node.modelerTemplateVersion)}`);
      }
    }
    assert.deepEqual(problems, []);
  });
});

/** The message template of an intermediate catch or start event (a boundary message event has none). */
function messageTemplateOf(node: ModdleElement, process: 'certification' | 'lifecycle'): string | undefined {
  if (!node.$instanceOf('bpmn:IntermediateCatchEvent') && !node.$instanceOf('bpmn:StartEvent')) return undefined;
  const def = ((node.eventDefinitions as ModdleElement[] | undefined) ?? [])[0];
  const message = def?.messageRef as ModdleElement | undefined;
  return message ? `isccc-flow.message.${process}.${String(message.name)}` : undefined;
}
