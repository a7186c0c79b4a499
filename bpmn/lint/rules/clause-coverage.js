'use strict';

const { contract, is, clausesOf, clause, clauseTitle, meta } = require('../lib/util');
const { flowNodes } = require('../lib/flow');

const procedural = Object.keys(contract.procedural);
const within = (id, scope) => id === scope || id.startsWith(`${scope}.`);

/**
 * Every process declares, in its own extension property `clause`, the part of §6 it implements (`6.1, 6.2, …, 6.6`;
 * a group such as `6.8` stands for all its clauses); every §6 procedural clause in that scope is named by some flow
 * node of the process.
 */
module.exports = function () {
  function check(node, reporter) {
    if (!is(node, 'bpmn:Process')) return;
    const scope = clausesOf(node);
    if (scope.length === 0) {
      reporter.report(
        node.id,
        'the process does not say which §6 clauses it implements: add the extension property "clause" to the process (e.g. 6.1, 6.2, 6.3)',
      );
      return;
    }
    for (const id of scope) {
      if (!clause(id) || !within(id, '6')) reporter.report(node.id, `the process's clause scope names ${id}, which is not a clause of §6`);
    }
    const named = new Set(flowNodes(node).flatMap(clausesOf));
    for (const id of procedural.filter((p) => scope.some((s) => within(p, s)))) {
      if (!named.has(id)) {
        reporter.report(
          node.id,
          `${clauseTitle(id)} is in this process's scope (${scope.join(', ')}) but no element implements it: name it in the clause property of the element that does`,
        );
      }
    }
  }
  return { check, meta: meta('clause-coverage') };
};
