import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import { buildTemplates, ELEMENT_TEMPLATES_FILE, serialiseTemplates } from '../scripts/element-templates.js';
import { TASK_TYPES } from '../src/task-types.js';

const require = createRequire(import.meta.url);
const schema = require('@camunda/zeebe-element-templates-json-schema/resources/schema.json') as Record<string, unknown>;

describe('element templates', () => {
  const templates = JSON.parse(fs.readFileSync(ELEMENT_TEMPLATES_FILE, 'utf8')) as Record<string, unknown>[];

  it('are generated from the task-type contract (npm run -w bpmn element-templates)', () => {
    assert.equal(fs.readFileSync(ELEMENT_TEMPLATES_FILE, 'utf8'), serialiseTemplates(buildTemplates()));
  });

  it('validate against @camunda/zeebe-element-templates-json-schema', () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    const validate = ajv.compile(schema);
    const valid = (data: unknown): boolean => validate(data);
    const problems: string[] = [];
    for (const t of templates) {
      if (!valid(t)) problems.push(...(validate.errors ?? []).map((e) => `${String(t.id)} ${e.instancePath} ${e.message}`));
    }
    assert.deepEqual(problems, []);
    // the schema is strict enough to catch a broken template
    assert.equal(valid({ ...templates[0], properties: [{ type: 'Hidden', value: 'x', binding: { type: 'zeebe:taskDefinition' } }] }), false);
    assert.equal(valid({ ...templates[0], appliesTo: undefined }), false);
  });

  it('cover every job type once, binding its type and its clause', () => {
    assert.deepEqual(
      templates.map((t) => t.id),
      TASK_TYPES.map((t) => `isccc-flow.${t.type}`),
    );
    for (const [i, t] of templates.entries()) {
      const props = t.properties as { value?: string; binding: { type: string; property?: string; name?: string } }[];
      assert.equal(props.find((p) => p.binding.type === 'zeebe:taskDefinition' && p.binding.property === 'type')?.value, TASK_TYPES[i]!.type);
      const clause = props.find((p) => p.binding.type === 'zeebe:property' && p.binding.name === 'clause');
      assert.ok(clause && (TASK_TYPES[i]!.clauses as readonly string[]).includes(clause.value!), `${t.id as string}: clause`);
    }
  });
});
