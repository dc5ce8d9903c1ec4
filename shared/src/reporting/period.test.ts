import { describe, expect, it } from 'vitest';
import { monthsOf, resolvePeriod } from './period.js';

const fieldOf = (f: () => unknown) => {
  try {
    f();
  } catch (error) {
    return (error as { extensions: Record<string, unknown> }).extensions;
  }
  throw new Error('expected a refusal');
};

describe('report periods (Asia/Shanghai calendar days)', () => {
  it('spans a month, a quarter, a year and given dates, both ends included', () => {
    expect(resolvePeriod({ month: '2024-02' })).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(resolvePeriod({ quarter: '2026-Q4' })).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(resolvePeriod({ year: 2026 })).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(resolvePeriod({ from: '2026-10-09', to: '2026-10-09' })).toEqual({ from: '2026-10-09', to: '2026-10-09' });
  });

  it('lists the months a period touches', () => {
    expect(monthsOf({ from: '2025-11-20', to: '2026-02-01' })).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });

  it('refuses a period that runs backwards, naming its end', () => {
    expect(fieldOf(() => resolvePeriod({ from: '2026-10-31', to: '2026-10-01' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'period.to',
    });
  });

  it('refuses none, two kinds at once, half a range, malformed values and more than ten years', () => {
    expect(fieldOf(() => resolvePeriod({}))).toMatchObject({ field: 'period' });
    expect(fieldOf(() => resolvePeriod({ month: '2026-10', year: 2026 }))).toMatchObject({ field: 'period' });
    expect(fieldOf(() => resolvePeriod({ from: '2026-10-01' }))).toMatchObject({ field: 'period.to' });
    expect(fieldOf(() => resolvePeriod({ month: '2026-13' }))).toMatchObject({ field: 'period.month' });
    expect(fieldOf(() => resolvePeriod({ quarter: '2026-Q5' }))).toMatchObject({ field: 'period.quarter' });
    expect(fieldOf(() => resolvePeriod({ year: 1999 }))).toMatchObject({ field: 'period.year' });
    expect(fieldOf(() => resolvePeriod({ from: '2010-01-01', to: '2026-01-01' }))).toMatchObject({ field: 'period' });
  });
});
