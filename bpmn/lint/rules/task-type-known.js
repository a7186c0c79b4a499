'use strict';

const { contract, zeebeExtensions } = require('../lib/util');

const known = new Set(contract.taskTypes);

/**
 * Every `zeebe:taskDefinition` type is one of the job types of the task-type contract
 * (bpmn/src/task-types.ts), so each element has a worker that implements it.
 */
module.exports = function () {
  function check(node, reporter) {
    for (const def of zeebeExtensions(node, 'taskDefinition')) {
      const type = def.type;
      if (!type) {
        reporter.report(node.id, 'zeebe:taskDefinition has no type');
      } else if (String(type).startsWith('=')) {
        reporter.report(node.id, `zeebe:taskDefinition type ${type} is an expression; use one of the contract's literal job types`);
      } else if (!known.has(type)) {
        reporter.report(node.id, `zeebe:taskDefinition type ${type} is not in the task-type contract (bpmn/src/task-types.ts)`);
      }
    }
  }
  return { check };
};
