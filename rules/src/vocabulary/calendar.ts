/**
 * Calendar arithmetic for the whole toolkit: `YYYY-MM-DD` days as the standard counts years and months, and
 * ISO 8601 dates, durations and repeating intervals as Zeebe reads timer definitions. Everything is UTC, so a
 * simulated case gives the same dates on every machine. Months are added the java.time way (Zeebe's): the day
 * is clamped to the end of a shorter month (31 Jan + P1M = 29 Feb 2024), never rolled over into the next one.
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
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function parseDuration(text: string): IsoDuration {
  const t = text.trim();
  const m = DURATION.exec(t);
  if (!m || t === 'P' || t.endsWith('T')) throw new Error(`not an ISO 8601 duration: "${text}"`);
  const n = (i: number): number => (m[i] ? Number(m[i]) : 0);
  return { years: n(1), months: n(2), weeks: n(3), days: n(4), hours: n(5), minutes: n(6), seconds: n(7) };
}

/** `from` plus (sign 1) or minus (sign -1) the duration: calendar part first, then the exact part. */
export function addDuration(from: Date, duration: IsoDuration | string, sign: 1 | -1 = 1): Date {
  const d = typeof duration === 'string' ? parseDuration(duration) : duration;
  const totalMonths = from.getUTCMonth() + sign * (d.years * 12 + d.months);
  const year = from.getUTCFullYear() + Math.floor(totalMonths / 12);
  const month = ((totalMonths % 12) + 12) % 12;
  const shifted = new Date(from.getTime());
  shifted.setUTCFullYear(year, month, Math.min(from.getUTCDate(), daysInMonth(year, month + 1)));
  const ms = (((d.weeks * 7 + d.days) * 24 + d.hours) * 60 + d.minutes) * 60_000 + d.seconds * 1000;
  return new Date(shifted.getTime() + sign * ms);
}

/** A date (`2025-03-01`, midnight UTC) or a date-time; a date-time without offset is read as UTC. */
export function parseDate(text: string): Date {
  const t = text.trim();
  const iso = DAY.test(t) ? `${t}T00:00:00Z` : /[zZ]|[+-]\d{2}:?\d{2}$/.test(t) ? t : `${t}Z`;
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

// --- days ---------------------------------------------------------------------------------------------------

/** `YYYY-MM-DD` of an instant, in UTC (the contract's date format). */
export function dayOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** True for a `YYYY-MM-DD` that exists in the calendar (not `2019-02-30`). */
export function isValidDay(day: string): boolean {
  if (!DAY.test(day)) return false;
  const { y, m, d } = parseDay(day);
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** A day plus whole years, clamped like java.time (29 Feb + 1 year = 28 Feb). */
export function addYears(day: string, years: number): string {
  return dayOf(addDuration(parseDate(day), { years, months: 0, weeks: 0, days: 0, hours: 0, minutes: 0, seconds: 0 }));
}

/** Whole years from `from` to `to` (an anniversary counts on its day); negative when `to` is earlier. */
export function fullYearsBetween(from: string, to: string): number {
  const a = parseDay(from);
  const b = parseDay(to);
  let years = b.y - a.y;
  if (b.m < a.m || (b.m === a.m && b.d < a.d)) years--;
  return years;
}

/** Whole months from `from` to `to` (a monthly anniversary counts on its day, or the month's last day). */
export function fullMonthsBetween(from: string, to: string): number {
  const a = parseDay(from);
  const b = parseDay(to);
  let months = (b.y - a.y) * 12 + (b.m - a.m);
  if (b.d < a.d && b.d < daysInMonth(b.y, b.m)) months--;
  return months;
}

function parseDay(day: string): { y: number; m: number; d: number } {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return { y, m, d };
}

/** Days of month `m` (1–12) of year `y` (Gregorian). */
export function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}
