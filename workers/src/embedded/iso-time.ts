/**
 * ISO 8601 durations, dates and repeating intervals as Zeebe reads timer definitions, computed in UTC so a
 * simulated case gives the same dates on every machine. Months are added the java.time way: the day is
 * clamped to the end of a shorter month (31 Jan + P1M = 29 Feb 2024), not rolled over into the next one.
 */

export interface IsoDuration {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

export function parseDuration(text: string): IsoDuration {
  const m = DURATION.exec(text.trim());
  if (!m || text.trim() === 'P' || text.trim().endsWith('T')) throw new Error(`not an ISO 8601 duration: "${text}"`);
  const n = (i: number): number => (m[i] ? Number(m[i]) : 0);
  return { years: n(1), months: n(2), weeks: n(3), days: n(4), hours: n(5), minutes: n(6), seconds: n(7) };
}

/** `from` plus (sign 1) or minus (sign -1) the duration: calendar part first, then the exact part. */
export function addDuration(from: Date, duration: IsoDuration | string, sign: 1 | -1 = 1): Date {
  const d = typeof duration === 'string' ? parseDuration(duration) : duration;
  const totalMonths = from.getUTCMonth() + sign * (d.years * 12 + d.months);
  const year = from.getUTCFullYear() + Math.floor(totalMonths / 12);
  const month = ((totalMonths % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const shifted = new Date(from.getTime());
  shifted.setUTCFullYear(year, month, Math.min(from.getUTCDate(), lastDay));
  const ms = (((d.weeks * 7 + d.days) * 24 + d.hours) * 60 + d.minutes) * 60_000 + d.seconds * 1000;
  return new Date(shifted.getTime() + sign * ms);
}

/** A date (`2025-03-01`, midnight UTC) or a date-time with offset; a date-time without offset is read as UTC. */
export function parseDate(text: string): Date {
  const t = text.trim();
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(t) ? `${t}T00:00:00Z` : /[zZ]|[+-]\d{2}:?\d{2}$/.test(t) ? t : `${t}Z`;
  const date = new Date(iso.replace(/\[.*\]$/, ''));
  if (Number.isNaN(date.getTime())) throw new Error(`not an ISO 8601 date: "${text}"`);
  return date;
}

export interface IsoCycle {
  /** Remaining repetitions; -1 for unbounded (`R/…`). */
  repeat: number;
  start?: Date;
  period: IsoDuration;
}

/** `R3/P1Y`, `R/P12M`, `R2/2025-01-01/P6M`. */
export function parseCycle(text: string): IsoCycle {
  const parts = text.trim().split('/');
  const head = parts[0] ?? '';
  if (!/^R\d*$/.test(head) || parts.length < 2 || parts.length > 3) throw new Error(`not an ISO 8601 repeating interval: "${text}"`);
  const repeat = head === 'R' ? -1 : Number(head.slice(1));
  if (parts.length === 3) return { repeat, start: parseDate(parts[1]!), period: parseDuration(parts[2]!) };
  return { repeat, period: parseDuration(parts[1]!) };
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
