'use strict';

const { is, clause, vocabulary, meta } = require('../lib/util');

/**
 * Every `bpmn:error` has an errorCode `ISCCC_<clause>` (`ISCCC_6_5`, `ISCCC_6_8_2_A`) of an existing
 * clause, and its name mentions that clause as the standard prints it (`6.8.2 a)`) or by id (`6.8.2.a`).
 */
module.exports = function () {
  function check(node, reporter) {
    if (!is(node, 'bpmn:Error')) return;
    const code = node.errorCode;
    if (!code) {
      reporter.report(node.id, 'bpmn:error has no errorCode; use ISCCC_<clause>, e.g. ISCCC_6_5');
      return;
    }
    const id = vocabulary.clauseOfErrorCode(code);
    if (!id) {
      reporter.report(node.id, `errorCode ${code} is not of the form ISCCC_<clause> (e.g. ISCCC_6_5, ISCCC_6_8_2_A)`);
      return;
    }
    const found = clause(id);
    if (!found) {
      reporter.report(node.id, `errorCode ${code} names ${id}, which is not a clause of ISCCC-SV-001:2015`);
      return;
    }
    const name = node.name || '';
    if (!name.includes(found.label) && !name.includes(found.id)) {
      reporter.report(node.id, `bpmn:error ${code} must mention its clause "${found.label}" in its name`);
    }
  }
  return { check, meta: meta('error-code-names-clause') };
};
