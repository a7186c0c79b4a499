/** When Zeebe fires a timer definition: the calendar arithmetic itself is the toolkit's one calendar. */
import { addDuration, parseCycle, parseDate, parseDuration } from '@isccc/rules/vocabulary';
import { describeValue } from './correlation-key.js';

/** A date-time with an offset or a zone, as Zeebe requires of `timeDate` (no bare dates, no local times). */
const DATE_TIME_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})(\[[A-Za-z_/+-]+\])?$/;

/** Why Zeebe would refuse this timer value (an incident), or undefined when it can be scheduled. */
export function timerProblem(kind: 'timeDuration' | 'timeDate' | 'timeCycle', value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '')
    return `a timer needs an ISO 8601 ${kind === 'timeDate' ? 'date-time' : kind === 'timeDuration' ? 'duration' : 'cycle'}, but was ${describeValue(value)}`;
  try {
    if (kind === 'timeDate') {
      if (!DATE_TIME_WITH_OFFSET.test(value)) return `"${value}" is not an ISO 8601 date-time with an offset (e.g. 2027-10-01T00:00:00Z)`;
      parseDate(value);
    } else if (kind === 'timeDuration') parseDuration(value);
    else parseCycle(value);
  } catch (error) {
    return (error as Error).message;
  }
  return undefined;
}

/** When a timer of the given kind, armed at `now`, is due. */
export function dueDate(kind: 'timeDuration' | 'timeDate' | 'timeCycle', value: string, now: Date): { due: Date; repeat?: number } {
  switch (kind) {
    case 'timeDuration':
      return { due: addDuration(now, value) };
    case 'timeDate':
      return { due: parseDate(value) };
    case 'timeCycle': {
      const cycle = parseCycle(value);
      let due = cycle.start ?? addDuration(now, cycle.period);
      while (due.getTime() < now.getTime()) due = addDuration(due, cycle.period);
      return { due, repeat: cycle.repeat };
    }
  }
}
