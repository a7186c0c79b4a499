/** Calendar arithmetic on `YYYY-MM-DD` strings (UTC, no time of day), as the standard counts years and months. */

export function parseDay(day: string): { y: number; m: number; d: number } {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return { y, m, d };
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
  const lastDayOfB = new Date(Date.UTC(b.y, b.m, 0)).getUTCDate();
  if (b.d < a.d && b.d < lastDayOfB) months--;
  return months;
}

export function addYears(day: string, years: number): string {
  const { y, m, d } = parseDay(day);
  const lastDay = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  return formatDay(y + years, m, Math.min(d, lastDay));
}

export function addMonths(day: string, months: number): string {
  const { y, m, d } = parseDay(day);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const lastDay = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return formatDay(ny, nm, Math.min(d, lastDay));
}

export function addDays(day: string, days: number): string {
  const { y, m, d } = parseDay(day);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

function formatDay(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function isValidDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const { y, m, d } = parseDay(day);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}
