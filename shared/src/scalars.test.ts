import { describe, expect, it } from 'vitest';
import { DateScalar, DateTimeScalar, isIsoDate, shanghaiDate, shanghaiMonth, toShanghaiIso } from './scalars.js';

describe('dates and instants', () => {
  it('accepts only real calendar dates', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-2-1')).toBe(false);
    expect(() => DateScalar.parseValue('2026-13-01')).toThrow(/YYYY-MM-DD/);
  });

  it('shows instants in Asia/Shanghai with their offset', () => {
    expect(toShanghaiIso(new Date('2026-09-30T16:30:00Z'))).toBe('2026-10-01T00:30:00.000+08:00');
    expect(DateTimeScalar.parseValue('2026-10-01T00:30:00+08:00')).toEqual(new Date('2026-09-30T16:30:00Z'));
    expect(() => DateTimeScalar.parseValue('2026-10-01T00:30:00')).toThrow(/offset/);
  });

  it('takes today and this month in Asia/Shanghai, not UTC: 07:30 on 1 October is already October', () => {
    expect(shanghaiDate(new Date('2026-09-30T23:30:00Z'))).toBe('2026-10-01');
    expect(shanghaiMonth(new Date('2026-09-30T23:30:00Z'))).toBe('2026-10');
  });
});
