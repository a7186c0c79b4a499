/**
 * Writes the Camunda 8 element templates of the contract into `element-templates/`: one per job type
 * (`isccc-task-types.json`), per user task (`isccc-user-tasks.json`), per timer template (`isccc-timers.json`) and per
 * message a catch event waits for (`isccc-messages.json`). Each binds what the contract fixes (job type, form,
 * assignment, due date, timer, message name and correlation key, the catch events' output mappings) as constants,
 * shows the clause as a dropdown of every combination of the clauses the element may serve, offers one optional input
 * or output mapping per variable the job reads or sets (empty: the process variable of the same name, as without the
 * template), and links to the clause's documentation. Generated from `src/task-types.ts`; a test fails when a file
 * is stale (`npm run -w bpmn element-templates`).
 *
 * Versions: every template carries {@link TEMPLATE_VERSION}. Released versions never change: when a regeneration
 * would change a template of the current version, bump the version; the script then keeps the released file in
 * `element-templates/versioned/<file>-v<version>.json`, so Camunda Modeler still knows the templates that linked
 * elements were made with and offers the update.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadCatalog } from '@isccc/rules';
import {
  CANDIDATE_GROUPS,
  clauseLabel,
  EVENT_OUTPUTS,
  MESSAGES,
  TASK_TYPES,
  type TaskTypeSpec,
  TIMERS,
  USER_TASKS,
  type UserTaskSpec,
} from '../src/task-types.js';
import { packageRoot } from '../src/models.js';

export const TEMPLATE_SCHEMA = 'https://unpkg.com/@camunda/zeebe-element-templates-json-schema/resources/schema.json';
export const ELEMENT_TEMPLATES_DIR = path.join(packageRoot, 'element-templates');
export const VERSIONED_DIR = path.join(ELEMENT_TEMPLATES_DIR, 'versioned');
/** Bump when a template's fields change, so Camunda Modeler offers the update on linked elements. */
export const TEMPLATE_VERSION = 2;
/** Where the repository's pages are published (the rules' doc links use the same location). */
const REPOSITORY = 'https://github.com/isccc-flow/isccc-flow/blob/main/';
/** Clauses whose requirements a lint rule's page explains; any other clause links to the README's clause map. */
const RULE_PAGES: Record<string, string> = {
  '6.5': 'committee',
  '6.7.1': 'surveillance-interval',
  '6.8.2': 'suspension-period',
  '6.8.3.a': 'suspension-period',
};

type Json = Record<string, unknown>;

const catalog = loadCatalog();

/** `6.8.2 暂停认证证书 Certificate suspension` (zh as the standard prints it, en ours). */
function clauseName(id: string): string {
  const c = catalog.get(id);
  const title = c?.title ?? (c?.parent ? catalog.get(c.parent)?.title : undefined);
  return [clauseLabel(id), title?.zh, title?.en].filter(Boolean).join(' ');
}

/** Every non-empty combination of the clauses, in their order: what an element of the template may name. */
function combinations(clauses: readonly string[]): string[][] {
  const out: string[][] = [];
  for (let mask = 1; mask < 1 << clauses.length; mask++) out.push(clauses.filter((_, i) => mask & (1 << i)));
  return out.sort((a, b) => a.length - b.length);
}

function clauseField(clauses: readonly string[]): Json {
  return {
    id: 'clause',
    label: 'Clause (ISCCC-SV-001:2015)',
    description: 'The §6 clause(s) this element implements',
    tooltip: 'Written to the extension property "clause"; the isccc lint rules, the clause map and the rule checks read it.',
    group: 'clause',
    type: 'Dropdown',
    value: clauses[0],
    choices: combinations(clauses).map((set) => ({ name: set.length === 1 ? clauseName(set[0]!) : set.map(clauseLabel).join(' + '), value: set.join(', ') })),
    binding: { type: 'zeebe:property', name: 'clause' },
  };
}

const ICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="22" height="22" viewBox="0 0 22 22"><path d="M11 1 3 4v6c0 5 3.4 9.3 8 11 4.6-1.7 8-6 8-11V4z" fill="#b3261e"/><text x="11" y="14.5" font-family="sans-serif" font-size="8" font-weight="bold" fill="#fff" text-anchor="middle">ISC</text></svg>';
export const TEMPLATE_ICON = `data:image/svg+xml,${encodeURIComponent(ICON_SVG)}`;

function documentationRef(clauses: readonly string[]): string {
  const page = clauses.map((c) => RULE_PAGES[c]).find(Boolean);
  return page ? `${REPOSITORY}bpmn/lint/docs/rules/${page}.md` : `${REPOSITORY}bpmn/README.md#clause-map`;
}

function base(id: string, name: string, clauses: readonly string[], description: string): Json {
  return {
    $schema: TEMPLATE_SCHEMA,
    name,
    id,
    version: TEMPLATE_VERSION,
    description,
    documentationRef: documentationRef(clauses),
    icon: { contents: TEMPLATE_ICON },
    category: { id: 'isccc', name: 'ISCCC-SV-001:2015' },
    keywords: ['ISCCC', ...clauses.map(clauseLabel)],
    engines: { camunda: '^8.8' },
  };
}

const VARIABLE = '^([A-Za-z_$][A-Za-z0-9_$]*)?$';

function inputField(v: { name: string; type: string; description: string; required?: boolean }): Json {
  return {
    id: `input-${v.name}`,
    label: v.description,
    description: `Reads ${v.name} (${v.type})${v.required ? ', required' : ''}`,
    tooltip: `Leave empty and the job reads the process variable ${v.name}; enter a FEEL expression to give it another value.`,
    group: 'inputs',
    type: 'String',
    feel: 'required',
    optional: true,
    binding: { type: 'zeebe:input', name: v.name },
  };
}

function outputField(v: { name: string; type: string; description: string }): Json {
  return {
    id: `output-${v.name}`,
    label: v.description,
    description: `Sets ${v.name} (${v.type})`,
    tooltip: `Leave empty and ${v.name} is set in the process as it is. A variable name here stores it under that name instead — but once any output is mapped, only mapped outputs reach the process.`,
    group: 'outputs',
    type: 'String',
    optional: true,
    constraints: { notEmpty: false, pattern: { value: VARIABLE, message: 'must be a variable name' } },
    binding: { type: 'zeebe:output', source: `=${v.name}` },
  };
}

const hidden = (value: string, binding: Json): Json => ({ type: 'Hidden', value, binding });
/** A constant FEEL expression (`=surveillanceDeadline`), shown read-only: the schema allows FEEL on text fields only. */
const fixedFeel = (id: string, label: string, tooltip: string, value: string, binding: Json): Json => ({
  id,
  label,
  tooltip,
  group: 'task',
  type: 'String',
  feel: 'required',
  editable: false,
  value,
  binding,
});

const GROUPS = {
  clause: { id: 'clause', label: 'Clause' },
  job: { id: 'job', label: 'Job' },
  headers: { id: 'headers', label: 'Settings of this element' },
  task: { id: 'task', label: 'Who and when' },
  inputs: { id: 'inputs', label: 'What it reads (input mappings)' },
  outputs: { id: 'outputs', label: 'What it sets (output mappings)' },
};

export function jobTemplate(spec: TaskTypeSpec): Json {
  const endEvent = spec.type === 'isccc.lifecycle-start';
  const headers: Json[] = (spec.headers ?? []).map((h) => ({
    id: `header-${h.key}`,
    label: h.description,
    tooltip: `Task header ${h.key}, read by the worker`,
    group: 'headers',
    type: 'Dropdown',
    // an optional header stays absent unless chosen: a default would set it on every element the template is applied to
    value: h.required ? h.values[0] : '',
    choices: [
      ...(h.required ? [] : [{ name: '(none)', value: '' }]),
      ...h.values.map((value) => ({ name: clauseLabel(value) === value ? value : clauseName(value), value })),
    ],
    binding: { type: 'zeebe:taskHeader', key: h.key },
  }));
  const errors = spec.errors.length ? ` BPMN errors: ${spec.errors.join(', ')} (catch each with an error boundary event, output reason = =reason).` : '';
  return {
    ...base(
      `isccc-flow.${spec.type}`,
      `ISCCC ${clauseLabel(spec.clauses[0]!)} ${spec.title}`,
      spec.clauses,
      `Job ${spec.type}.${errors}${spec.notes ? ` ${spec.notes}` : ''}`,
    ),
    appliesTo: endEvent ? ['bpmn:EndEvent'] : ['bpmn:Task'],
    elementType: endEvent ? { value: 'bpmn:EndEvent', eventDefinition: 'bpmn:MessageEventDefinition' } : { value: 'bpmn:ServiceTask' },
    groups: [GROUPS.clause, ...(headers.length ? [GROUPS.headers] : []), GROUPS.job, GROUPS.inputs, ...(spec.outputs.length ? [GROUPS.outputs] : [])],
    properties: [
      hidden(spec.type, { type: 'zeebe:taskDefinition', property: 'type' }),
      clauseField(spec.clauses),
      ...headers,
      {
        id: 'retries',
        label: 'Retries',
        description: 'Attempts before an incident (technical failures only; business-rule failures are BPMN errors)',
        group: 'job',
        type: 'String',
        value: '3',
        constraints: { notEmpty: true, pattern: { value: '^[1-9][0-9]*$', message: 'must be a whole number' } },
        binding: { type: 'zeebe:taskDefinition', property: 'retries' },
      },
      ...spec.inputs.map(inputField),
      ...spec.outputs.map(outputField),
    ],
  };
}

export function userTaskTemplate(spec: UserTaskSpec): Json {
  const groups = [...new Set([...Object.values(CANDIDATE_GROUPS), spec.candidateGroups.join(',')])];
  return {
    ...base(
      `isccc-flow.user-task.${spec.task}`,
      `ISCCC ${clauseLabel(spec.clauses[0]!)} ${spec.title.en}`,
      spec.clauses,
      `${spec.title.zh} — ${spec.title.en}: Camunda user task with the form ${spec.formId}. Shows ${spec.shows.map((v) => v.name).join(', ')}.${spec.notes ? ` ${spec.notes}` : ''}`,
    ),
    appliesTo: ['bpmn:Task'],
    elementType: { value: 'bpmn:UserTask' },
    groups: [GROUPS.clause, GROUPS.task, GROUPS.outputs],
    properties: [
      hidden('', { type: 'zeebe:userTask' }),
      hidden(spec.formId, { type: 'zeebe:formDefinition', property: 'formId' }),
      clauseField(spec.clauses),
      {
        id: 'candidateGroups',
        label: 'Who may claim it in Tasklist',
        group: 'task',
        type: 'Dropdown',
        value: spec.candidateGroups.join(','),
        choices: groups.map((g) => ({ name: g, value: g })),
        binding: { type: 'zeebe:assignmentDefinition', property: 'candidateGroups' },
      },
      ...(spec.assignee
        ? [
            fixedFeel('assignee', 'Assignee', 'Each instance of the vote belongs to its member', spec.assignee, {
              type: 'zeebe:assignmentDefinition',
              property: 'assignee',
            }),
          ]
        : []),
      ...(spec.dueDate
        ? [
            fixedFeel('dueDate', 'Due', 'The time the standard sets (the 12 months of 6.7.1, the three months of 6.8.2)', spec.dueDate, {
              type: 'zeebe:taskSchedule',
              property: 'dueDate',
            }),
          ]
        : []),
      ...(spec.inputs ?? []).map((i) => hidden(i.source, { type: 'zeebe:input', name: i.target })),
      ...spec.outputs.filter((o) => !(spec.inputs ?? []).some((i) => i.target === o.name)).map(outputField),
    ],
  };
}

/** The output mappings the contract gives an event (by its element id, or by the message it catches). */
function eventOutputs(match: (on: (typeof EVENT_OUTPUTS)[number]['on']) => boolean): Json[] {
  return EVENT_OUTPUTS.filter((o) => match(o.on)).map((o) => hidden(o.target, { type: 'zeebe:output', source: o.source }));
}

export function timerTemplates(): Json[] {
  const byTemplate = new Map<string, (typeof TIMERS)[number][]>();
  for (const t of TIMERS) byTemplate.set(t.template.id, [...(byTemplate.get(t.template.id) ?? []), t]);
  return [...byTemplate.values()].map((timers) => {
    const t = timers[0]!;
    const signature = (x: (typeof TIMERS)[number]): string =>
      JSON.stringify([
        x.event,
        x.kind,
        x.expression,
        x.clauses,
        eventOutputs((on) => on !== 'error catch events' && 'elementIds' in on && on.elementIds.includes(x.elementId)),
      ]);
    const odd = timers.find((x) => signature(x) !== signature(t));
    if (odd) throw new Error(`TIMERS: ${odd.elementId} shares template ${t.template.id} with ${t.elementId} but differs from it`);
    const type = t.event === 'boundary' ? 'bpmn:BoundaryEvent' : 'bpmn:IntermediateCatchEvent';
    const editable = !t.expression.startsWith('=');
    return {
      ...base(
        `isccc-flow.timer.${t.template.id}`,
        `ISCCC ${clauseLabel(t.clauses[0])} ${t.template.title.en}`,
        t.clauses,
        `${t.template.title.zh} — ${t.description}`,
      ),
      appliesTo: [type],
      elementType: { value: type, eventDefinition: 'bpmn:TimerEventDefinition' },
      groups: [GROUPS.clause, ...(editable ? [{ id: 'timer', label: 'Timer' }] : [])],
      properties: [
        clauseField(t.clauses),
        editable
          ? {
              id: 'timer',
              label: 'Duration (ISO 8601)',
              description: 'The standard: 证书暂停时间一般为三个月 (generally three months); the isccc lint rules warn on another',
              group: 'timer',
              type: 'String',
              value: t.expression,
              constraints: { notEmpty: true, pattern: { value: '^P(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?$', message: 'must be an ISO 8601 duration such as P3M' } },
              binding: { type: 'bpmn:TimerEventDefinition#property', name: t.kind },
            }
          : hidden(t.expression, { type: 'bpmn:TimerEventDefinition#property', name: t.kind }),
        ...eventOutputs((on) => on !== 'error catch events' && 'elementIds' in on && on.elementIds.includes(t.elementId)),
      ],
    };
  });
}

/** One template per message of the contract: the message start event, or the intermediate catch event that waits for it. */
export function messageTemplates(): Json[] {
  return MESSAGES.map((m) => {
    const start = 'startCorrelationKey' in m;
    const type = start ? 'bpmn:StartEvent' : 'bpmn:IntermediateCatchEvent';
    return {
      ...base(
        `isccc-flow.message.${m.process}.${m.name}`,
        `ISCCC ${clauseLabel(m.clauses[0])} Message ${m.name}`,
        m.clauses,
        `${m.description} Publisher sends: ${m.variables.map((v) => v.name).join(', ')}.`,
      ),
      appliesTo: start ? ['bpmn:StartEvent'] : ['bpmn:IntermediateCatchEvent', 'bpmn:IntermediateThrowEvent'],
      elementType: { value: type, eventDefinition: 'bpmn:MessageEventDefinition' },
      groups: [GROUPS.clause],
      properties: [
        hidden(m.name, { type: 'bpmn:Message#property', name: 'name' }),
        ...('correlationKey' in m ? [hidden(m.correlationKey, { type: 'bpmn:Message#zeebe:subscription#property', name: 'correlationKey' })] : []),
        clauseField(m.clauses),
        ...eventOutputs((on) => on !== 'error catch events' && 'message' in on && on.message === m.name),
      ],
    };
  });
}

/** File name → its templates. */
export function buildTemplateFiles(): Record<string, Json[]> {
  return {
    'isccc-task-types.json': (TASK_TYPES as readonly TaskTypeSpec[]).map(jobTemplate),
    'isccc-user-tasks.json': (USER_TASKS as readonly UserTaskSpec[]).map(userTaskTemplate),
    'isccc-timers.json': timerTemplates(),
    'isccc-messages.json': messageTemplates(),
  };
}

export function buildTemplates(): Json[] {
  return Object.values(buildTemplateFiles()).flat();
}

export function serialiseTemplates(templates: Json[]): string {
  return JSON.stringify(templates, null, 2) + '\n';
}

/** Keeps a released file whose version is older than the one about to replace it, so its elements can be upgraded. */
function keepReleased(file: string): void {
  const current = path.join(ELEMENT_TEMPLATES_DIR, file);
  if (!fs.existsSync(current)) return;
  const released = JSON.parse(fs.readFileSync(current, 'utf8')) as { version: number }[];
  const version = Math.max(...released.map((t) => t.version));
  if (version >= TEMPLATE_VERSION) return;
  fs.mkdirSync(VERSIONED_DIR, { recursive: true });
  fs.copyFileSync(current, path.join(VERSIONED_DIR, `${path.basename(file, '.json')}-v${version}.json`));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const [file, templates] of Object.entries(buildTemplateFiles())) {
    keepReleased(file);
    fs.writeFileSync(path.join(ELEMENT_TEMPLATES_DIR, file), serialiseTemplates(templates));
    console.log(`wrote ${path.relative(process.cwd(), path.join(ELEMENT_TEMPLATES_DIR, file))} (${templates.length} templates)`);
  }
}
