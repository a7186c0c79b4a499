/**
 * Why a date a user wrote is not one, as the end of a sentence about a field: a well-formed `2019-02-30` "does
 * not exist", which says more than "must be a date". The calendar itself is the vocabulary's.
 */
import { daysInMonth } from '../vocabulary/calendar.js';
import type { Text } from '../vocabulary/text.js';
import { quote } from './yaml-source.js';

const MONTH_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Null when `text` is a `YYYY-MM-DD` day of the calendar. */
export function dateProblem(text: string): Text | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return { en: `${quote(text)} is not a date YYYY-MM-DD`, zh: `${quote(text)} 不是 YYYY-MM-DD 格式的日期` };
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
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
