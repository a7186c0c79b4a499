'use strict';

const { contract, is, extensions, clausesOf, formOf, isZeebe, meta } = require('../lib/util');
const { didYouMean } = require('../lib/suggest');

const forms = Object.keys(contract.forms);

/**
 * Every human act of §6 is a Camunda user task with one of the contract's forms: a user task has a linked form that
 * serves its clause (and, in Camunda 8, `zeebe:userTask`, so Tasklist rather than a job worker handles it); a manual
 * task or a plain task — work the engine never shows to anyone — is reported.
 */
module.exports = function () {
  function check(node, reporter) {
    if (is(node, 'bpmn:ManualTask') || node.$type === 'bpmn:Task') {
      reporter.report(
        node.id,
        "nobody is ever shown this task when it runs: a person's act of §6 is a user task with an ISCCC form — apply an ISCCC user task template",
      );
      return;
    }
    if (!is(node, 'bpmn:UserTask')) return;
    const form = formOf(node);
    if (!form) {
      reporter.report(
        node.id,
        `user task has no form, so the person has nothing to decide with — link one of the ISCCC forms (${forms.join(', ')}) or apply an ISCCC user task template`,
      );
      return;
    }
    if (!contract.forms[form]) {
      reporter.report(node.id, `form ${form} is not an ISCCC form${didYouMean(form, forms)}: link one of ${forms.join(', ')}`);
      return;
    }
    const clauses = clausesOf(node);
    if (clauses.length && !clauses.some((c) => contract.forms[form].includes(c))) {
      const fitting = forms.filter((f) => clauses.some((c) => contract.forms[f].includes(c)));
      reporter.report(
        node.id,
        `form ${form} is for ${contract.forms[form].join(', ')}, not for ${clauses.join(', ')}${fitting.length ? ` — use ${fitting.join(' or ')}` : ''}`,
      );
    }
    if (isZeebe(node) && extensions(node, 'userTask').length === 0) {
      reporter.report(node.id, 'user task has no zeebe:userTask, so a job worker, not Tasklist, would handle it — apply an ISCCC user task template');
    }
  }
  return { check, meta: meta('user-task-form') };
};
