'use strict';

const { is, properties, clause, vocabulary, meta } = require('../lib/util');

/**
 * Every flow node (event, task, gateway, sub-process) names the clause(s) of ISCCC-SV-001:2015 §6 it implements in
 * an extension property named `clause` (`zeebe:property`, or `camunda:property` in a Camunda 7 diagram):
 * comma-separated ids such as `6.8.2.a, 6.7.1`.
 */
module.exports = function () {
  function check(node, reporter) {
    if (!is(node, 'bpmn:FlowNode')) return;
    const values = properties(node).filter((p) => p.name === 'clause');
    if (values.length === 0) {
      reporter.report(node.id, 'has no extension property "clause": name the ISCCC-SV-001:2015 §6 clause it implements (e.g. 6.3), or apply an ISCCC template');
      return;
    }
    if (values.length > 1) {
      reporter.report(node.id, 'has more than one extension property "clause"; list the ids in one, comma-separated');
    }
    for (const { value } of values) {
      const ids = String(value || '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      if (ids.length === 0) reporter.report(node.id, 'extension property "clause" is empty: name the §6 clause it implements (e.g. 6.3)');
      for (const raw of ids) {
        const found = clause(vocabulary.normaliseClauseId(raw));
        if (!found) {
          reporter.report(node.id, `extension property "clause" names ${raw}, which is not a clause of ISCCC-SV-001:2015`);
        } else if (found.kind !== 'procedural') {
          reporter.report(node.id, `extension property "clause" names ${found.label} (${found.kind}); the procedure implements §6 procedural clauses only`);
        }
      }
    }
  }
  return { check, meta: meta('clause-property') };
};
