import { describe, expect, it } from 'vitest';
import { assertDate, optionalDate, pastDate } from './validation.js';
import { shanghaiDate } from './scalars.js';

describe('date assertions, one family', () => {
  it('take a real date written YYYY-MM-DD as it is', () => {
    expect(assertDate('input.on', '2024-02-29')).toBe('2024-02-29');
    expect(optionalDate('input.on', '2026-01-31')).toBe('2026-01-31');
  });

  it('refuse a date that does not exist or is written otherwise, naming the field', () => {
    for (const wrong of ['2026-02-29', '2026-13-01', '2026-1-5', '05/01/2026', '', 20260101]) {
      expect(() => assertDate('input.on', wrong)).toThrow(
        expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'input.on' }) }),
      );
    }
  });

  it('leave a date that may be left out as null', () => {
    expect(optionalDate('input.on', null)).toBeNull();
    expect(optionalDate('input.on', undefined)).toBeNull();
  });

  it('take today for a step with no date, and refuse one in the future or before what it follows', () => {
    expect(pastDate('input.on', undefined)).toBe(shanghaiDate());
    expect(() => pastDate('input.on', '2999-01-01')).toThrow(/future/);
    expect(() => pastDate('input.on', '2026-01-01', '2026-02-01')).toThrow(/before 2026-02-01/);
    expect(() => pastDate('input.on', '2026-02-30')).toThrow(/YYYY-MM-DD/);
  });
});
