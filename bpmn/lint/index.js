'use strict';

/** bpmnlint-plugin-isccc: ties BPMN elements to the clauses of ISCCC-SV-001:2015 and to the task-type contract. */
module.exports = {
  configs: {
    recommended: {
      rules: {
        'clause-property': 'error',
        'error-code-names-clause': 'error',
        'task-type-known': 'error',
      },
    },
  },
  rules: {
    'clause-property': './rules/clause-property',
    'error-code-names-clause': './rules/error-code-names-clause',
    'task-type-known': './rules/task-type-known',
  },
};
