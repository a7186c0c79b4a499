'use strict';

/** Durations in timers, judged with the shared calendar (`@isccc/rules/vocabulary`). */

const { vocabulary, isExpression } = require('./util');

/** Every start day of four years (a leap year among them): month lengths and leap days all occur. */
const STARTS = Array.from({ length: 4 * 366 }, (_, i) => new Date(Date.UTC(2027, 0, 1 + i)));

function parse(text) {
  try {
    return vocabulary.parseDuration(String(text));
  } catch {
    return undefined;
  }
}

/** True when the duration can reach further than `limit` from some start day (`P11M30D` does, from 1 March). */
function exceeds(duration, limit) {
  return STARTS.some((s) => vocabulary.addDuration(s, duration).getTime() > vocabulary.addDuration(s, limit).getTime());
}

/** Same length from every start day (`P3M` and `P0Y3M`). */
function sameLength(a, b) {
  return STARTS.every((s) => vocabulary.addDuration(s, a).getTime() === vocabulary.addDuration(s, b).getTime());
}

/**
 * The ISO 8601 durations a timer body states: the body itself when it is a literal duration, the period of a cycle
 * (`R/P12M`, `R3/2027-01-01T00:00:00Z/P12M`), and every quoted duration inside an expression
 * (`=date(lastReview) + duration("P18M")`, `=… + @"P18M"`).
 */
function durationsIn(body) {
  const text = String(body || '').trim();
  if (!text) return [];
  if (!isExpression(text)) {
    const period = text.startsWith('R') ? text.split('/').pop() : text;
    return parse(period) ? [period] : [];
  }
  return [...text.matchAll(/["']\s*(P[0-9YMWDTHS.]+)\s*["']/g)].map((m) => m[1]).filter((d) => parse(d));
}

module.exports = { parse, exceeds, sameLength, durationsIn };
