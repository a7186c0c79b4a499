/** When Zeebe fires a timer definition: the calendar arithmetic itself is the toolkit's one calendar. */
import { addDuration, parseCycle, parseDate } from '@isccc/rules/vocabulary';

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
