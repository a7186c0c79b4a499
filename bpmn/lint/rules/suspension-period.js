'use strict';

const { contract, is, jobType, clauseTitle, meta } = require('../lib/util');
const { processes, reachable } = require('../lib/flow');
const { suspensions, expiries } = require('../lib/suspension');

const restore = new Set(contract.suspension.restore);
const revoke = new Set(contract.suspension.revoke);
const leadsTo = (node, types) => [...reachable(node)].some((n) => types.has(jobType(n)));

/**
 * 6.8.2: a suspended certificate waits in a suspension period that both ways out leave — restoration (its normal
 * end leads to the restore job) and expiry (an interrupting timer that leads to revocation, 6.8.3 a).
 */
module.exports = function () {
  function check(node, reporter) {
    if (!is(node, 'bpmn:Definitions')) return;
    for (const process of processes(node)) {
      for (const { job, period } of suspensions(process)) {
        if (!period || !is(period, 'bpmn:Activity')) {
          reporter.report(
            job.id,
            `${clauseTitle('6.8.2')}: after suspending, the process enters no suspension period — model the period as a sub-process with an interrupting three-month timer (template "ISCCC 6.8.2 Suspension expired")`,
          );
          continue;
        }
        const timers = expiries(period);
        if (timers.length === 0) {
          reporter.report(
            period.id,
            '6.8.2: the suspension never expires — attach an interrupting timer (template "ISCCC 6.8.2 Suspension expired") that leads to revocation: 6.8.3 a) 证书暂停期间，未在规定时间内完成整改并通过验证',
          );
        }
        for (const timer of timers) {
          if (!leadsTo(timer, revoke)) {
            reporter.report(
              timer.id,
              `6.8.2: the suspension expires but does not lead to revocation — 6.8.3 a) 证书暂停期间，未在规定时间内完成整改并通过验证: connect it to "${[...revoke].join('", "')}"`,
            );
          }
        }
        if (!leadsTo(period, restore)) {
          reporter.report(
            period.id,
            `6.8.2: restoration does not leave the suspension — 经认证机构审核、批准后方可使用证书: the period's normal end must lead to "${[...restore].join('", "')}"`,
          );
        }
      }
    }
  }
  return { check, meta: meta('suspension-period') };
};
