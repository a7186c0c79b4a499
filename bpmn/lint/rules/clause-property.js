'use strict';

const { is, zeebeProperties, normaliseClauseId, clause } = require('../lib/util');

/**
 * Every flow node (event, task, gateway, sub-process) names the clause(s) of ISCCC-SV-001:2015 §6 it
 * implements in a `zeebe:property` named `clause` (comma-separated ids such as `6.8.2.a, 6.7.1`).
 */
module.exports = function () {
  function check(node, reporter) {
    if (!is(node, 'bpmn:FlowNode')) return;
    const values = zeebeProperties(node).filter((p) => p.name === 'clause');
    if (values.length === 0) {
      reporter.report(node.id, 'Flow node has no zeebe:property "clause" naming the ISCCC-SV-001:2015 clause it implements');
      return;
    }
    if (values.length > 1) {
      reporter.report(node.id, 'Flow node has more than one zeebe:property "clause"; list the ids in one, comma-separated');
    }
    for (const { value } of values) {
      const ids = String(value || '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      if (ids.length === 0) reporter.report(node.id, 'zeebe:property "clause" is empty');
      for (const raw of ids) {
        const id = normaliseClauseId(raw);
        const found = clause(id);
        if (!found) {
          reporter.report(node.id, `zeebe:property "clause" names ${raw}, which is not a clause of ISCCC-SV-001:2015`);
        } else if (found.kind !== 'procedural') {
          reporter.report(node.id, `zeebe:property "clause" names ${found.label} (${found.kind}); the models implement §6 procedural clauses only`);
        }
      }
    }
  }
  return { check };
};
