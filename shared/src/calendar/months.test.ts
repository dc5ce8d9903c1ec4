import { describe, expect, it } from 'vitest';
import { addCalendarMonths } from './months.js';

describe('adding calendar months', () => {
  it('keeps the day of the month', () => {
    expect(addCalendarMonths('2026-10-20', 1)).toBe('2026-11-20');
  });

  it('takes the last day of a shorter month', () => {
    expect(addCalendarMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addCalendarMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addCalendarMonths('2026-08-31', 1)).toBe('2026-09-30');
  });

  it('crosses the end of the year, and goes back for negative months', () => {
    expect(addCalendarMonths('2026-12-15', 1)).toBe('2027-01-15');
    expect(addCalendarMonths('2026-03-31', -1)).toBe('2026-02-28');
  });

  it('refuses a date that does not exist', () => {
    expect(() => addCalendarMonths('2026-02-30', 1)).toThrow(/YYYY-MM-DD/);
  });
});

describe('addCalendarMonths for a joint meeting’s next plenary', () => {
  it('steps several months and whole years, keeping the month’s last day where the day is missing', () => {
    expect(addCalendarMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addCalendarMonths('2026-05-10', 12)).toBe('2027-05-10');
    expect(addCalendarMonths('2026-05-10', 0)).toBe('2026-05-10');
  });
});
