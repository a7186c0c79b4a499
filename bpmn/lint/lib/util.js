'use strict';

/**
 * What the isccc rules read from a diagram, in both dialects: Camunda 8 (`zeebe:` extensions) and Camunda 7
 * (`camunda:` extensions, as `npm run -w bpmn camunda7` generates them). Each helper works whether the diagram was
 * parsed with the dialect's moddle extension (typed elements, as Camunda Modeler and the tests parse it) or
 * without it (generic `$children` / `$attrs`, as a bare bpmnlint run parses it), so a rule gives the same answer
 * everywhere. Clause ids and the calendar are the shared vocabulary's (`@isccc/rules/vocabulary`); what the task-type
 * contract says is `../contract.json`.
 */

const vocabulary = require('@isccc/rules/vocabulary');
const contract = require('../contract.json');

/** Where a rule's page is published; the pages ship in `lint/docs/rules/`. */
const DOCS_BASE = 'https://github.com/isccc-flow/isccc-flow/blob/main/bpmn/lint/docs/rules/';

function is(node, type) {
  return !!node && (typeof node.$instanceOf === 'function' ? node.$instanceOf(type) : node.$type === type);
}

/** An attribute by its qualified name (`camunda:topic`), typed or generic. */
function attr(node, name) {
  if (!node) return undefined;
  const typed = typeof node.get === 'function' ? node.get(name) : undefined;
  return typed !== undefined ? typed : node.$attrs && node.$attrs[name];
}

/** Extension elements `zeebe:<localName>` and `camunda:<localName>` (any case), typed or generic. */
function extensions(node, localName) {
  const values = (node && node.extensionElements && node.extensionElements.values) || [];
  const wanted = [`zeebe:${localName}`.toLowerCase(), `camunda:${localName}`.toLowerCase()];
  return values.filter((v) => wanted.includes(String(v.$type).toLowerCase()));
}

/** `[{ name, value }]` of every `zeebe:property` / `camunda:property` of the node. */
function properties(node) {
  const out = [];
  for (const props of extensions(node, 'properties')) {
    const items = props.properties || props.values || props.$children || [];
    for (const p of items) out.push({ name: p.name, value: p.value });
  }
  return out;
}

/** Catalog ids named by the node's `clause` property (normalised: `6.8.2 a)` → `6.8.2.a`). */
function clausesOf(node) {
  return properties(node)
    .filter((p) => p.name === 'clause')
    .flatMap((p) => String(p.value || '').split(','))
    .map((s) => s.trim())
    .filter(Boolean)
    .map(vocabulary.normaliseClauseId);
}

function clause(id) {
  const entry = contract.clauses[id];
  return entry ? { id, label: entry[0], kind: entry[1] } : undefined;
}

/** `6.5 认证决定 Certification decision`: how a message names a §6 clause (title zh verbatim, en our translation). */
function clauseTitle(id) {
  const p = contract.procedural[id];
  const label = clause(id) ? clause(id).label : id;
  return p ? `${label} ${p[0]} (${p[1]})` : label;
}

/** The job type of a node: `zeebe:taskDefinition type`, or the Camunda 7 topic (on the node or its message event definition). */
function jobType(node) {
  const defs = extensions(node, 'taskDefinition');
  if (defs.length) return defs[0].type;
  for (const target of [node, ...((node && node.eventDefinitions) || [])]) {
    const topic = attr(target, 'camunda:topic');
    if (topic) return topic;
  }
  return undefined;
}

/** The form a user task links: `zeebe:formDefinition formId` (or formKey / externalReference), `camunda:formRef` / `camunda:formKey`. */
function formOf(node) {
  for (const def of extensions(node, 'formDefinition')) {
    const value = def.formId || def.formKey || def.externalReference;
    if (value) return value;
  }
  return attr(node, 'camunda:formRef') || attr(node, 'camunda:formKey') || undefined;
}

/** Camunda 7 diagrams carry `camunda:` extensions only; a Zeebe user task needs `zeebe:userTask`. */
function isZeebe(node) {
  const values = (node && node.extensionElements && node.extensionElements.values) || [];
  return values.some((v) => String(v.$type).toLowerCase().startsWith('zeebe:'));
}

/** The first event definition of a node and its kind (`timer`, `message`, `error`…). */
function eventDefinition(node) {
  const def = ((node && node.eventDefinitions) || [])[0];
  if (!def) return undefined;
  return {
    def,
    kind: String(def.$type)
      .replace(/^bpmn:/, '')
      .replace(/EventDefinition$/, '')
      .toLowerCase(),
  };
}

/** `{ kind: 'timeDuration' | 'timeDate' | 'timeCycle', body }` of a timer event, or undefined. */
function timerOf(node) {
  const event = eventDefinition(node);
  if (!event || event.kind !== 'timer') return undefined;
  for (const kind of ['timeDuration', 'timeDate', 'timeCycle']) {
    const expr = event.def[kind];
    if (expr) return { kind, body: String(expr.body == null ? '' : expr.body).trim() };
  }
  return { kind: undefined, body: '' };
}

/** A FEEL (`=…`) or JUEL (`${…}`, `#{…}`) expression rather than a literal. */
function isExpression(text) {
  return /^\s*(=|\$\{|#\{)/.test(String(text || ''));
}

/** A rule's `meta`: Camunda Modeler's problems panel links each report to the rule's page. */
function meta(rule) {
  return { documentation: { url: `${DOCS_BASE}${rule}.md` } };
}

module.exports = {
  contract,
  vocabulary,
  is,
  attr,
  extensions,
  properties,
  clausesOf,
  clause,
  clauseTitle,
  jobType,
  formOf,
  isZeebe,
  eventDefinition,
  timerOf,
  isExpression,
  meta,
};
