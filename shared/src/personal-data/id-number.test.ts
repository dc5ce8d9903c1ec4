import { describe, expect, it } from 'vitest';
import { checkCharacter, maskIdNumber, maskPhone, normalisePhone, parseIdNumber } from './id-number.js';

/** A valid number built from its first 17 digits (test data, no real person). */
export const idNumber = (first17: string) => first17 + checkCharacter(first17);

describe('resident identity card numbers (GB 11643)', () => {
  it('reads the birth date, sex and county of a valid number', () => {
    const value = idNumber('14102319790314002');
    expect(parseIdNumber('idNumber', value)).toEqual({
      value,
      birthDate: '1979-03-14',
      sex: 'FEMALE',
      countyCode: '141023',
    });
  });

  it('accepts a lower-case x as the check character and normalises it', () => {
    const first17 = [...Array(1000).keys()]
      .map((n) => `1410231979031400${n % 10}`)
      .find((d) => checkCharacter(d) === 'X')!;
    expect(parseIdNumber('idNumber', `${first17}x`).value).toBe(`${first17}X`);
  });

  it('refuses a mistyped digit, a wrong length and an impossible birth date, naming the field', () => {
    const value = idNumber('14102319790314002');
    const typo = `${value.slice(0, 5)}${(Number(value[5]) + 1) % 10}${value.slice(6)}`;
    expect(() => parseIdNumber('input.idNumber', typo)).toThrow(/GB 11643/);
    expect(() => parseIdNumber('input.idNumber', value.slice(1))).toThrow(/18 characters/);
    expect(() => parseIdNumber('input.idNumber', idNumber('14102319790230002'))).toThrow(/impossible birth date/);
    expect(() => parseIdNumber('input.idNumber', idNumber('14102320990101002'))).toThrow(
      expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'input.idNumber' } }),
    );
  });

  it('masks all but the county and the last four', () => {
    expect(maskIdNumber('141023197903140021')).toBe('141023********0021');
  });
});

describe('phone numbers', () => {
  it('keeps mobiles and landlines, masks the middle', () => {
    expect(normalisePhone('phone', '+86 138 1234 5678')).toBe('13812345678');
    expect(normalisePhone('phone', '0357-3922000')).toBe('03573922000');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(() => normalisePhone('phone', '12345')).toThrow(/mobile/);
  });
});
