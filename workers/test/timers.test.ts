import assert from 'node:assert/strict';
import { addDuration, parseCycle, parseDate, parseDuration } from '@isccc/rules/vocabulary';
import { dueDate } from '../src/embedded/engine/timer-due.js';
import { evaluateFeel } from '../src/embedded/engine/feel.js';
import { VirtualClock } from '../src/embedded/engine/virtual-clock.js';

const iso = (d: Date): string => d.toISOString().slice(0, 10);

describe('ISO 8601 timer values on the virtual clock', () => {
  it('adds calendar months the java.time way, clamping to the month end', () => {
    assert.equal(iso(addDuration(parseDate('2024-01-31'), 'P1M')), '2024-02-29');
    assert.equal(iso(addDuration(parseDate('2025-01-31'), 'P1M')), '2025-02-28');
    assert.equal(iso(addDuration(parseDate('2026-11-01'), 'P12M')), '2027-11-01');
    assert.equal(iso(addDuration(parseDate('2027-11-01'), 'P1M', -1)), '2027-10-01');
    assert.equal(iso(addDuration(parseDate('2027-03-31'), 'P1M', -1)), '2027-02-28');
    assert.equal(addDuration(parseDate('2026-01-01'), 'P1DT12H').toISOString(), '2026-01-02T12:00:00.000Z');
  });

  it('rejects what is not a duration', () => {
    assert.throws(() => parseDuration('P'), /not an ISO 8601 duration/);
    assert.throws(() => parseDuration('3 months'), /not an ISO 8601 duration/);
  });

  it('resolves timeDuration, timeDate and timeCycle to due dates', () => {
    const now = parseDate('2026-05-31');
    assert.equal(iso(dueDate('timeDuration', 'P3M', now).due), '2026-08-31');
    assert.equal(dueDate('timeDate', '2027-01-15T00:00:00Z', now).due.toISOString(), '2027-01-15T00:00:00.000Z');
    assert.deepEqual(parseCycle('R/P12M').repeat, -1);
    const cycle = dueDate('timeCycle', 'R3/P6M', now);
    assert.deepEqual([iso(cycle.due), cycle.repeat], ['2026-11-30', 3]);
  });

  it('evaluates FEEL with now() and today() on the virtual clock, temporal results as ISO strings', () => {
    const clock = new VirtualClock(new Date('2031-02-03T00:00:00Z'));
    assert.equal(evaluateFeel('=today()', {}, clock), '2031-02-03');
    assert.equal(evaluateFeel('=date(issuedOn) + duration("P12M")', { issuedOn: '2030-02-28' }, clock), '2031-02-28');
    assert.equal(evaluateFeel('=decision = "grant"', { decision: 'grant' }, clock), true);
    assert.throws(() => evaluateFeel('=nosuchfunction(1)', {}, clock), /FEEL/);
  });
});
