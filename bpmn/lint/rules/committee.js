'use strict';

const { contract, is, attr, extensions, clausesOf, jobType, formOf, meta } = require('../lib/util');
const { everyPathPasses } = require('../lib/flow');

const COMMITTEE = '6.5';
/** 6.5 认证决定委员会由3名以上（含3名）奇数认证决定人员组成: the smallest committee the clause allows. */
const MINIMUM = 3;
const QUOTE = '认证决定委员会由3名以上（含3名）奇数认证决定人员组成 (an odd number of at least 3)';
const validators = new Set(contract.committee.validators);
const forms = new Set(contract.committee.forms);

/** The vote of a 6.5 committee: a task people do (no job type) for 6.5, or one with the committee's vote form. */
function isCommitteeVote(node) {
  if (!is(node, 'bpmn:Activity') || is(node, 'bpmn:SubProcess') || jobType(node)) return false;
  const form = formOf(node);
  return forms.has(form) || clausesOf(node).includes(COMMITTEE);
}

/** Number of the top-level items of a FEEL list literal (`=["a", "b"]`), or undefined for anything else. */
function listLength(feel) {
  const m = /^=\s*\[([\s\S]*)\]\s*$/.exec(feel);
  if (!m) return undefined;
  const body = m[1].trim();
  if (!body) return 0;
  let depth = 0;
  let quote = null;
  let items = 1;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = null;
    } else if (ch === '"') quote = ch;
    else if ('[{('.includes(ch)) depth++;
    else if (']})'.includes(ch)) depth--;
    else if (ch === ',' && depth === 0) items++;
  }
  return items;
}

/** A literal count: `4`, `=4` (FEEL) or `${4}` (JUEL). */
function literalCount(text) {
  const m = /^\s*(?:=\s*|\$\{\s*)?(\d+)\s*\}?\s*$/.exec(String(text));
  return m ? Number(m[1]) : undefined;
}

/**
 * 6.5: the decision committee is a parallel multi-instance over its members; where its size is a literal it is odd
 * and at least 3; where it comes from a variable, a validation task (a job that throws ISCCC_6_5) is on every path
 * before the votes.
 */
module.exports = function () {
  function check(node, reporter) {
    if (!isCommitteeVote(node)) return;
    const loop = node.loopCharacteristics;
    if (!is(loop, 'bpmn:MultiInstanceLoopCharacteristics')) {
      reporter.report(
        node.id,
        `6.5: the committee decides by every member's vote — make this task a parallel multi-instance over the committee, one instance per member (template "ISCCC 6.5 Committee member vote")`,
      );
      return;
    }
    if (loop.isSequential) {
      reporter.report(
        node.id,
        '6.5: the members vote one after another (sequential multi-instance) — make it parallel, so every member votes on the same record',
      );
    }
    const zeebe = extensions(loop, 'loopCharacteristics')[0];
    const collection = (zeebe && zeebe.inputCollection) || attr(loop, 'camunda:collection');
    const cardinality = loop.loopCardinality && loop.loopCardinality.body;
    const size = cardinality !== undefined ? literalCount(cardinality) : collection ? listLength(String(collection)) : undefined;
    if (size !== undefined) {
      if (size < MINIMUM || size % 2 === 0) {
        const fix = size < MINIMUM ? MINIMUM : size + 1;
        reporter.report(node.id, `6.5: a committee of ${size} — ${QUOTE}; make it ${fix} or another odd number ≥ ${MINIMUM}`);
      }
      return;
    }
    if (!collection && cardinality === undefined) {
      reporter.report(node.id, '6.5: the multi-instance names no committee — set its input collection to the committee (=committee)');
      return;
    }
    if (!everyPathPasses(node, (n) => validators.has(jobType(n)))) {
      reporter.report(
        node.id,
        `6.5: the committee comes from ${collection || cardinality} and no validation checks it on every path before the votes (${QUOTE}) — put "${[...validators].join('", "')}" (template "ISCCC 6.5 Validate decision committee") before this task`,
      );
    }
  }
  return { check, meta: meta('committee') };
};
