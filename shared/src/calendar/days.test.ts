import { describe, expect, it } from 'vitest';
import { addCalendarDays, ageOn, fromDayNumber, toDayNumber, weekdayOf } from './days.js';

describe('calendar-day arithmetic', () => {
  it('gives the weekday of a date and adds calendar days across months, years and leap days', () => {
    expect(weekdayOf('2026-10-01')).toBe(4); // Thursday
    expect(weekdayOf('2026-09-20')).toBe(0); // Sunday
    expect(weekdayOf('1969-12-28')).toBe(0); // before 1970, still a Sunday
    expect(addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addCalendarDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addCalendarDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(fromDayNumber(toDayNumber('2026-11-28'))).toBe('2026-11-28');
  });
});

describe('ageOn', () => {
  it('counts whole years, a birthday from its own day', () => {
    expect(ageOn('2008-06-15', '2026-06-14')).toBe(17);
    expect(ageOn('2008-06-15', '2026-06-15')).toBe(18);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
  });
});
