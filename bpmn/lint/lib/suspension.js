'use strict';

/** Where a model suspends a certificate, and the period it then waits in (6.8.2). */

const { contract, is, jobType, clausesOf, timerOf } = require('./util');
const { flowNodes, boundaryEvents, targets } = require('./flow');

const suspend = new Set(contract.suspension.suspend);

/** After a suspend job, the first activity or catch event the flow enters (through gateways), or what it ends at. */
function entered(job) {
  const seen = new Set();
  const queue = targets(job);
  while (queue.length) {
    const n = queue.shift();
    if (seen.has(n)) continue;
    seen.add(n);
    if (is(n, 'bpmn:Gateway')) queue.push(...targets(n));
    else return n;
  }
  return undefined;
}

/** `[{ job, period }]`: every suspend job of the container and what it enters (`period` an activity when modelled as one). */
function suspensions(container) {
  return flowNodes(container)
    .filter((n) => suspend.has(jobType(n)))
    .map((job) => ({ job, period: entered(job) }));
}

const expiries = (period) => boundaryEvents(period).filter((b) => b.cancelActivity !== false && timerOf(b));

/** Timers that time a suspension: the expiry timers of the periods, and every timer naming 6.8.2 itself. */
function suspensionTimers(container) {
  const timers = new Set();
  for (const { period } of suspensions(container)) if (period && is(period, 'bpmn:Activity')) expiries(period).forEach((t) => timers.add(t));
  for (const n of flowNodes(container)) if (timerOf(n) && clausesOf(n).includes('6.8.2')) timers.add(n);
  return [...timers];
}

module.exports = { suspensions, expiries, suspensionTimers };
