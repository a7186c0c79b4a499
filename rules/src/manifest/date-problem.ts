/**
 * Why a date a user wrote is not one, as the end of a sentence about a field: a well-formed `2019-02-30` "does
 * not exist", which says more than "must be a date". The calendar itself is the vocabulary's.
 */
import { MESSAGES } from '../messages.js';
import { daysInMonth } from '../vocabulary/calendar.js';
import type { Text } from '../vocabulary/text.js';
import { quote } from './text-format.js';

/** Null when `text` is a `YYYY-MM-DD` day of the calendar. */
export function dateProblem(text: string): Text | null {
  const quoted = quote(text);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return MESSAGES['date.not-a-date']({ quoted });
  const [year, month, day] = text.split('-').map(Number) as [number, number, number];
  if (month < 1 || month > 12) return MESSAGES['date.invalid-month']({ quoted, month });
  const days = daysInMonth(year, month);
  return day < 1 || day > days ? MESSAGES['date.invalid-day']({ quoted, year, month, days }) : null;
}
