/**
 * Calendar-day arithmetic on `YYYY-MM-DD` strings, handled as UTC day numbers so no local time zone can shift a
 * day, and the answer organisations gives for a date counted in working days (its working-day engine lives in
 * subgraphs/organisations/src/calendar/working-days.ts).
 */

/** A date counted in working days, as organisations answers it. */
export interface WorkingDayResult {
  date: string;
  scheduleComplete: boolean;
  warnings: string[];
}

const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 for a `YYYY-MM-DD` string (assumed valid). */
export function toDayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / MS_PER_DAY;
}

export function fromDayNumber(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(date: string): number {
  return (((toDayNumber(date) + 4) % 7) + 7) % 7;
}

/** Whole years on `on` for someone born on `birthDate` (both YYYY-MM-DD): a birthday counts from its own day. */
export function ageOn(birthDate: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return on.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** Adds calendar days (not working days). */
export function addCalendarDays(date: string, days: number): string {
  return fromDayNumber(toDayNumber(date) + days);
}
