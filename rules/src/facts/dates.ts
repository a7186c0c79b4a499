/** Calendar arithmetic on `YYYY-MM-DD` strings (UTC, no time of day), as the standard counts years and months. */
import type { Text } from '../model.js';
import { quote } from '../manifest/yaml-source.js';

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
  return dateProblem(day) === null;
}

function daysInMonth(y: number, m: number): number {
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return m === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
}

const MONTH_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * Why `text` is not a calendar date, as the end of a sentence about a field (null when it is one):
 * a well-formed `2019-02-30` "does not exist", which says more than "must be a date".
 */
export function dateProblem(text: string): Text | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return { en: `${quote(text)} is not a date YYYY-MM-DD`, zh: `${quote(text)} 不是 YYYY-MM-DD 格式的日期` };
  const { y, m, d } = parseDay(text);
  if (m < 1 || m > 12) return { en: `${quote(text)} does not exist: there is no month ${m}`, zh: `${quote(text)} 这一天不存在：没有 ${m} 月` };
  const days = daysInMonth(y, m);
  if (d < 1 || d > days) {
    return {
      en: `${quote(text)} does not exist: ${MONTH_EN[m - 1]} ${y} has ${days} days`,
      zh: `${quote(text)} 这一天不存在：${y} 年 ${m} 月只有 ${days} 天`,
    };
  }
  return null;
}
