import { ScreeningFrequency } from './screening.enums.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Beijing time has no daylight saving: UTC+8 all year. */
const OFFSET = 8 * HOUR;

export interface ScheduleRule {
  frequency: ScreeningFrequency;
  hour: number;
  weekday: number | null;
  dayOfMonth: number | null;
}

/** The first start of a schedule strictly after `after` (Beijing time): every day, week or month at the hour. */
export function nextRunAfter(rule: ScheduleRule, after: Date): Date {
  const local = new Date(after.getTime() + OFFSET);
  let day = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  for (let i = 0; i < 400; i++, day += DAY) {
    const at = day + rule.hour * HOUR;
    if (at <= local.getTime()) continue;
    const d = new Date(day);
    if (rule.frequency === ScreeningFrequency.WEEKLY && (d.getUTCDay() || 7) !== rule.weekday) continue;
    if (rule.frequency === ScreeningFrequency.MONTHLY && d.getUTCDate() !== rule.dayOfMonth) continue;
    return new Date(at - OFFSET);
  }
  throw new Error('no start within a year: the schedule is malformed');
}
