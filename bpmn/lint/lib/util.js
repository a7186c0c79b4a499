'use strict';

/**
 * Helpers shared by the isccc rules. They read zeebe extension elements whether the diagram was parsed
 * with zeebe-bpmn-moddle (typed `zeebe:Properties`) or without it (generic `zeebe:properties` with
 * `$children`), so the rules give the same answer in the CLI, the Node API and Camunda Modeler.
 */

const contract = require('../contract.json');

function is(node, type) {
  return typeof node.$instanceOf === 'function' ? node.$instanceOf(type) : node.$type === type;
}

/** Extension elements of a node whose type is `zeebe:<localName>` (any case), typed or generic. */
function zeebeExtensions(node, localName) {
  const values = (node.extensionElements && node.extensionElements.values) || [];
  const wanted = `zeebe:${localName}`.toLowerCase();
  return values.filter((v) => String(v.$type).toLowerCase() === wanted);
}

/** `[{ name, value }]` of every zeebe:property of the node. */
function zeebeProperties(node) {
  const out = [];
  for (const props of zeebeExtensions(node, 'properties')) {
    const items = props.properties || props.$children || [];
    for (const p of items) out.push({ name: p.name, value: p.value });
  }
  return out;
}

// The vocabulary's own patterns (@isccc/rules/vocabulary), carried here as data by contract.json.
const CLAUSE_INPUT = new RegExp(contract.patterns.input);
const ERROR_CODE = new RegExp(contract.patterns.errorCode);

/** `6.8.2 a)`, `6.8.2a)`, `6.8.2.a` → `6.8.2.a` (the vocabulary's normaliseClauseId). */
function normaliseClauseId(input) {
  const m = CLAUSE_INPUT.exec(input);
  if (!m) return input.trim();
  return m[2] ? `${m[1]}.${m[2]}` : m[1];
}

function clause(id) {
  const entry = contract.clauses[id];
  return entry ? { id, label: entry[0], kind: entry[1] } : undefined;
}

/** `ISCCC_6_8_2_A` → `6.8.2.a`; undefined when the code is not of that form (the vocabulary's clauseOfErrorCode). */
function clauseOfErrorCode(code) {
  const m = ERROR_CODE.exec(code || '');
  if (!m) return undefined;
  return m[1].replace(/_/g, '.') + (m[2] ? `.${m[2].toLowerCase()}` : '');
}

module.exports = { contract, is, zeebeExtensions, zeebeProperties, normaliseClauseId, clause, clauseOfErrorCode };
