'use strict';

/**
 * bpmnlint-plugin-isccc: ties BPMN elements to the clauses of ISCCC-SV-001:2015 and to the task-type contract, and
 * checks what §6 requires of the procedure. Every rule reads both Camunda 8 (`zeebe:`) and Camunda 7 (`camunda:`)
 * diagrams, so one configuration serves both.
 */
const RULES = {
  'clause-property': 'error',
  'clause-coverage': 'error',
  'error-code-names-clause': 'error',
  'task-type-known': 'error',
  'message-known': 'error',
  'user-task-form': 'error',
  committee: 'error',
  'surveillance-interval': 'error',
  'suspension-period': 'error',
  'suspension-three-months': 'warn',
};

module.exports = {
  RULES,
  configs: {
    recommended: { rules: { ...RULES } },
  },
  rules: Object.fromEntries(Object.keys(RULES).map((rule) => [rule, `./rules/${rule}`])),
};
