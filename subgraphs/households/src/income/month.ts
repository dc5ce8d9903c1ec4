import { badInput, shanghaiDate, shanghaiMonth } from '@doudi/shared';

/**
 * Income is counted by calendar month, written `YYYY-MM`, in the Asia/Shanghai calendar (docs/architecture.md, API conventions).
 * Month strings sort as text, so ranges compare with < and >.
 */
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The earliest month we accept: anything before is a typing mistake, not an income record. */
export const EARLIEST_MONTH = '2000-01';

export const isMonth = (value: string) => MONTH.test(value);

/** The month `now` falls in, in Asia/Shanghai. */
export const monthOf = (now: Date) => shanghaiMonth(now);

/** The day `now` falls on, in Asia/Shanghai. */
export const dayOf = (now: Date) => shanghaiDate(now);

/** A well-formed month (for reading: a future month simply has nothing recorded). */
export function assertMonth(field: string, value: string): string {
  const month = typeof value === 'string' ? value.trim() : '';
  if (!isMonth(month)) throw badInput(field, `${field} must be a month written YYYY-MM, got ${JSON.stringify(value)}`);
  return month;
}

/** A month income can be recorded for: real, not before EARLIEST_MONTH and not after the current month. */
export function assertRecordableMonth(field: string, value: string, now: Date): string {
  const month = assertMonth(field, value);
  if (month > monthOf(now)) throw badInput(field, `${field} ${month} is in the future: record income once earned`);
  if (month < EARLIEST_MONTH) throw badInput(field, `${field} ${month} is implausibly early`);
  return month;
}

/** `month` moved by `delta` months: addMonths('2026-01', -1) = '2025-12'. */
export function addMonths(month: string, delta: number): string {
  const [year, m] = month.split('-').map(Number);
  const index = year * 12 + (m - 1) + delta;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The `count` months ending with `toMonth`, oldest first. */
export function monthsEnding(toMonth: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addMonths(toMonth, i - count + 1));
}

/** The last day of a month, YYYY-MM-DD: lastDayOf('2026-02') = '2026-02-28'. */
export function lastDayOf(month: string): string {
  const [year, m] = month.split('-').map(Number);
  return `${month}-${String(new Date(Date.UTC(year, m, 0)).getUTCDate()).padStart(2, '0')}`;
}
