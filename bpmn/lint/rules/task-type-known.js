'use strict';

const { contract, is, jobType, extensions, meta } = require('../lib/util');
const { didYouMean } = require('../lib/suggest');

const known = new Set(contract.taskTypes);

/**
 * Every job type — `zeebe:taskDefinition type`, or a Camunda 7 external task's topic — is one of the job types of the
 * ISCCC task-type contract, so each element has a worker that implements it.
 */
module.exports = function () {
  function check(node, reporter) {
    // a Camunda 7 message end event's topic sits on its event definition: reported once, on the event
    if (is(node, 'bpmn:EventDefinition')) return;
    const defined = extensions(node, 'taskDefinition').length > 0;
    const type = jobType(node);
    if (!defined && type === undefined) return;
    if (!type) {
      reporter.report(node.id, 'the task definition has no job type: apply an ISCCC template, which sets it');
    } else if (String(type).startsWith('=') || String(type).startsWith('${')) {
      reporter.report(node.id, `job type ${type} is an expression: the ISCCC workers serve literal job types only — apply an ISCCC template`);
    } else if (!known.has(type)) {
      reporter.report(
        node.id,
        `job type ${type} is not an ISCCC job type, so no worker will ever take the job${didYouMean(type, known)} — apply an ISCCC template, which sets it`,
      );
    }
  }
  return { check, meta: meta('task-type-known') };
};
