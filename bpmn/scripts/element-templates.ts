/**
 * Writes `element-templates/isccc-task-types.json`: one Camunda 8 element template per job type of the
 * task-type contract, so a process owner applying "ISCCC 6.3 Review application documents" in Camunda
 * Modeler gets the right job type, the clause property (a choice where the type serves several clauses),
 * the task headers and a description of the variables the worker reads and sets. Generated from
 * `src/task-types.ts`; a test fails when the file is stale (`npm run -w bpmn element-templates`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { clauseLabel, TASK_TYPES, type TaskTypeSpec } from '../src/task-types.js';
import { packageRoot } from '../src/models.js';

export const TEMPLATE_SCHEMA = 'https://unpkg.com/@camunda/zeebe-element-templates-json-schema/resources/schema.json';
export const ELEMENT_TEMPLATES_FILE = path.join(packageRoot, 'element-templates', 'isccc-task-types.json');
/** Bump when a template's fields change, so Modeler offers the update. */
export const TEMPLATE_VERSION = 1;

type Json = Record<string, unknown>;

function elementType(spec: TaskTypeSpec): { appliesTo: string[]; elementType: Json } {
  if (spec.type === 'isccc.lifecycle-start') {
    return { appliesTo: ['bpmn:EndEvent'], elementType: { value: 'bpmn:EndEvent', eventDefinition: 'bpmn:MessageEventDefinition' } };
  }
  return { appliesTo: ['bpmn:ServiceTask'], elementType: { value: 'bpmn:ServiceTask' } };
}

const describeVars = (vars: readonly { name: string; type: string }[]): string => vars.map((v) => `${v.name}: ${v.type}`).join('; ') || '—';

export function buildTemplate(spec: TaskTypeSpec): Json {
  const clauses = spec.clauses.map(clauseLabel).join(', ');
  const clauseField: Json =
    spec.clauses.length === 1
      ? { type: 'Hidden', value: spec.clauses[0], binding: { type: 'zeebe:property', name: 'clause' } }
      : {
          id: 'clause',
          label: 'Clause (ISCCC-SV-001:2015)',
          description: 'The clause this element implements here',
          group: 'clause',
          type: 'Dropdown',
          value: spec.clauses[0],
          choices: spec.clauses.map((c) => ({ name: clauseLabel(c), value: c })),
          binding: { type: 'zeebe:property', name: 'clause' },
        };
  const headers: Json[] = (spec.headers ?? []).map((h) => ({
    id: `header-${h.key}`,
    label: h.key,
    description: h.description,
    group: 'clause',
    type: 'Dropdown',
    value: h.values[0],
    choices: h.values.map((v) => ({ name: v, value: v })),
    binding: { type: 'zeebe:taskHeader', key: h.key },
  }));
  return {
    $schema: TEMPLATE_SCHEMA,
    name: `ISCCC ${clauses} ${spec.title}`,
    id: `isccc-flow.${spec.type}`,
    version: TEMPLATE_VERSION,
    description: [
      `Job ${spec.type} (ISCCC-SV-001:2015 ${clauses}).`,
      `Reads: ${describeVars(spec.inputs)}.`,
      `Sets: ${describeVars(spec.outputs)}.`,
      spec.errors.length ? `BPMN errors (catch each with an error boundary event, output reason = =reason): ${spec.errors.join(', ')}.` : 'No BPMN errors.',
    ].join(' '),
    category: { id: 'isccc', name: 'ISCCC-SV-001:2015' },
    keywords: ['ISCCC', ...spec.clauses.map(clauseLabel)],
    engines: { camunda: '^8.8' },
    ...elementType(spec),
    groups: [
      { id: 'clause', label: 'Clause' },
      { id: 'job', label: 'Job' },
    ],
    properties: [
      { type: 'Hidden', value: spec.type, binding: { type: 'zeebe:taskDefinition', property: 'type' } },
      clauseField,
      ...headers,
      {
        id: 'retries',
        label: 'Retries',
        description: 'Attempts before an incident (technical failures only; business-rule failures are BPMN errors)',
        group: 'job',
        type: 'String',
        value: '3',
        binding: { type: 'zeebe:taskDefinition', property: 'retries' },
      },
    ],
  };
}

export function buildTemplates(): Json[] {
  return (TASK_TYPES as readonly TaskTypeSpec[]).map(buildTemplate);
}

export function serialiseTemplates(templates: Json[]): string {
  return JSON.stringify(templates, null, 2) + '\n';
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  fs.mkdirSync(path.dirname(ELEMENT_TEMPLATES_FILE), { recursive: true });
  fs.writeFileSync(ELEMENT_TEMPLATES_FILE, serialiseTemplates(buildTemplates()));
  console.log(`wrote ${path.relative(process.cwd(), ELEMENT_TEMPLATES_FILE)}`);
}
