import { describe, expect, it } from 'vitest';
import { formatYuan, MAX_FEN, parseYuan } from './money.js';

const refusal = (value: string, options = {}) => {
  try {
    parseYuan('input.amount', value, options);
  } catch (error) {
    return (error as { extensions: Record<string, unknown> }).extensions;
  }
  throw new Error(`${value} was accepted`);
};

describe('amounts in yuan', () => {
  it('reads whole yuan, one decimal and two decimals as exact fen', () => {
    expect(parseYuan('amount', '1234')).toBe(123400);
    expect(parseYuan('amount', '1234.5')).toBe(123450);
    expect(parseYuan('amount', '1234.50')).toBe(123450);
    expect(parseYuan('amount', '0.29')).toBe(29);
    expect(parseYuan('amount', '0.07')).toBe(7);
    expect(parseYuan('amount', '0')).toBe(0);
    expect(parseYuan('amount', ' 12.30 ')).toBe(1230);
  });

  it('refuses a third decimal instead of rounding money silently, naming the field', () => {
    expect(refusal('12.345')).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.amount' });
    expect(refusal('0.001')).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('refuses what is not a plain decimal number', () => {
    for (const value of [
      '',
      ' ',
      'abc',
      '1e3',
      '1,234.00',
      '¥12',
      '12.',
      '.5',
      '+5',
      '0x10',
      'NaN',
      'Infinity',
      '1 000',
    ])
      expect(refusal(value)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.amount' });
    expect(refusal(undefined as unknown as string)).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('refuses negative amounts unless the caller allows them', () => {
    expect(refusal('-1.00')).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.amount' });
    expect(parseYuan('amount', '-1.5', { allowNegative: true })).toBe(-150);
    expect(parseYuan('amount', '-0', { allowNegative: true })).toBe(0);
  });

  it('refuses absurd sizes, by default above 100 million yuan, or above a cap the caller sets', () => {
    expect(parseYuan('amount', '100000000')).toBe(MAX_FEN);
    expect(refusal('100000000.01')).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(refusal('99999999999999999999')).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(refusal('5000.01', { maxFen: 500000 })).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(parseYuan('amount', '5000', { maxFen: 500000 })).toBe(500000);
  });

  it('shows fen as yuan with two decimals', () => {
    expect(formatYuan(123450)).toBe('1234.50');
    expect(formatYuan(0)).toBe('0.00');
    expect(formatYuan(7)).toBe('0.07');
    expect(formatYuan(-5)).toBe('-0.05');
    expect(formatYuan(MAX_FEN)).toBe('100000000.00');
    expect(() => formatYuan(1.5)).toThrow(TypeError);
  });

  it('reads back what it shows', () => {
    for (const fen of [0, 1, 99, 100, 123456789, MAX_FEN]) expect(parseYuan('amount', formatYuan(fen))).toBe(fen);
  });
});
