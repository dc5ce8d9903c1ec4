import { badInput } from '../errors.js';
import { assertDate } from '../validation.js';

/**
 * Adds calendar months to a `YYYY-MM-DD` date, keeping the day of the month where the target month has it and
 * otherwise taking that month's last day: 2026-01-31 + 1 month = 2026-02-28 (襄政办发〔2023〕26号 七(五): "1个月内").
 */
export function addCalendarMonths(date: string, months: number): string {
  assertDate('date', date);
  if (!Number.isInteger(months)) throw badInput('months', `months must be a whole number, got ${months}`);
  const [year, month, day] = date.split('-').map(Number);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = index - targetYear * 12;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  return new Date(Date.UTC(targetYear, targetMonth, Math.min(day, lastDay))).toISOString().slice(0, 10);
}
