'use strict';

const { vocabulary, is, clausesOf, timerOf, eventDefinition, clauseTitle, meta } = require('../lib/util');
const { processes, flowNodes, scopes, boundaryEvents, sources, targets } = require('../lib/flow');
const { exceeds, durationsIn } = require('../lib/durations');

const SURVEILLANCE = '6.7.1';
const SUSPENSION = '6.8.2';
const INTERVAL = vocabulary.DURATIONS.surveillanceInterval;
const QUOTE = '每年度（不超过12个月）进行一次监督评审 (one surveillance review each year, no more than 12 months apart)';

const timerNaming = (node, id) => !!timerOf(node) && clausesOf(node).includes(id);
const interrupting = (boundary) => boundary.cancelActivity !== false;

/**
 * Nodes that wait for a person or for something from outside: user, manual and receive tasks, call activities,
 * event-based gateways and catch events other than timers (which end by themselves); a catch event right after an
 * event-based gateway is one of the gateway's branches, not a wait of its own.
 */
function waits(node) {
  if (is(node, 'bpmn:UserTask') || is(node, 'bpmn:ManualTask') || is(node, 'bpmn:ReceiveTask') || is(node, 'bpmn:CallActivity')) return true;
  if (is(node, 'bpmn:EventBasedGateway')) return true;
  if (is(node, 'bpmn:IntermediateCatchEvent')) return !timerOf(node) && !sources(node).some((s) => is(s, 'bpmn:EventBasedGateway'));
  return false;
}

/**
 * A wait is bounded when a deadline can end it: an interrupting boundary timer of the surveillance (6.7.1) — or of the
 * suspension period (6.8.2), during which the certificate is not valid — on it or on a sub-process around it, or, for
 * an event-based gateway, a surveillance timer among its branches.
 */
function bounded(node) {
  if (is(node, 'bpmn:EventBasedGateway') && targets(node).some((t) => timerNaming(t, SURVEILLANCE))) return true;
  return scopes(node).some((scope) => boundaryEvents(scope).some((b) => interrupting(b) && (timerNaming(b, SURVEILLANCE) || timerNaming(b, SUSPENSION))));
}

/**
 * 6.7.1: surveillance timers never allow more than 12 months (a literal duration, the period of a cycle, a duration
 * inside a date expression); and in a process with surveillance timers, nothing waits without a surveillance
 * deadline that can end the wait.
 */
module.exports = function () {
  function check(node, reporter) {
    if (timerNaming(node, SURVEILLANCE)) {
      for (const duration of durationsIn(timerOf(node).body)) {
        if (exceeds(duration, INTERVAL)) {
          reporter.report(node.id, `6.7.1: ${duration} allows more than 12 months between surveillance reviews — ${QUOTE}; at most ${INTERVAL}`);
        }
      }
    }
    if (!is(node, 'bpmn:Definitions')) return;
    for (const process of processes(node)) {
      const nodes = flowNodes(process);
      if (!nodes.some((n) => timerNaming(n, SURVEILLANCE))) continue;
      for (const n of nodes.filter(waits)) {
        if (bounded(n)) continue;
        const what = eventDefinition(n) ? 'a message' : is(n, 'bpmn:EventBasedGateway') ? 'an event' : 'a person';
        reporter.report(
          n.id,
          `${clauseTitle(SURVEILLANCE)}: this waits for ${what} with no surveillance deadline, so a certificate could go more than 12 months without a surveillance review (${QUOTE}) — attach an interrupting timer (template "ISCCC 6.7.1 Surveillance due (boundary)") to it or to its sub-process`,
        );
      }
    }
  }
  return { check, meta: meta('surveillance-interval') };
};
