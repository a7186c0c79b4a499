'use strict';

const { vocabulary, is, timerOf, isExpression, meta } = require('../lib/util');
const { processes } = require('../lib/flow');
const { suspensionTimers } = require('../lib/suspension');
const { parse, sameLength } = require('../lib/durations');

const PERIOD = vocabulary.DURATIONS.suspensionPeriod;

/**
 * 6.8.2 证书暂停时间一般为三个月: a suspension timer with another literal duration is a warning, not an error — the
 * standard says "generally", so a body may decide otherwise for a case, and the model should say so.
 */
module.exports = function () {
  function check(node, reporter) {
    if (!is(node, 'bpmn:Definitions')) return;
    for (const process of processes(node)) {
      for (const timer of suspensionTimers(process)) {
        const { kind, body } = timerOf(timer);
        if (isExpression(body)) continue;
        if (kind === 'timeDuration' && parse(body) && sameLength(body, PERIOD)) continue;
        reporter.report(
          timer.id,
          `6.8.2: a suspension of ${body || '(no duration)'} — 证书暂停时间一般为三个月 (a suspension generally lasts three months): use the duration ${PERIOD} unless the certification body has decided otherwise`,
        );
      }
    }
  }
  return { check, meta: meta('suspension-three-months') };
};
