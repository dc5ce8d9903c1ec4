import { badInput } from './errors.js';

/**
 * Money (docs/architecture.md, API conventions): stored as integer fen, exposed as a decimal string in yuan ("1234.50"). Amounts are
 * never floats on the way in: the string is read digit by digit, so "0.29" is 29 fen, not 28.999….
 */

/** The largest amount accepted unless a caller allows more: 100 million yuan, in fen. */
export const MAX_FEN = 10_000_000_000;

export interface ParseYuanOptions {
  /** Accept a leading minus sign (refunds, corrections). Default: refused. */
  allowNegative?: boolean;
  /** The largest absolute amount accepted, in fen (default MAX_FEN); a column's limit or a plausibility cap. */
  maxFen?: number;
}

const YUAN = /^(-?)(\d{1,15})(?:\.(\d{1,2}))?$/;

/**
 * Reads a decimal amount in yuan with at most two decimals ("1234", "1234.5", "1234.50") and returns
 * integer fen. Refuses, with BAD_USER_INPUT naming `field`: anything that is not such a number (empty,
 * "1e3", "1,234", "¥12", "12."), a third decimal (no silent rounding of money), a negative amount unless
 * allowed, and an amount above the cap.
 */
export function parseYuan(field: string, value: string, options: ParseYuanOptions = {}): number {
  const text = typeof value === 'string' ? value.trim() : '';
  const match = YUAN.exec(text);
  if (!match) {
    if (/^-?\d+\.\d{3,}$/.test(text))
      throw badInput(field, `${field} has more than two decimals: amounts are in yuan to the fen`);
    throw badInput(field, `${field} must be an amount in yuan such as "1234.50", got ${JSON.stringify(value)}`);
  }
  const [, sign, whole, decimals = ''] = match;
  if (sign && !options.allowNegative) throw badInput(field, `${field} cannot be negative`);
  const fen = Number(whole) * 100 + Number(decimals.padEnd(2, '0'));
  const max = options.maxFen ?? MAX_FEN;
  if (fen > max) throw badInput(field, `${field} is implausibly large (at most ${formatYuan(max)} yuan)`);
  return sign && fen !== 0 ? -fen : fen;
}

/** Integer fen as yuan with two decimals: 123450 → "1234.50", -5 → "-0.05". */
export function formatYuan(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new TypeError(`An amount in fen must be a whole number, got ${fen}`);
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const cents = String(abs % 100).padStart(2, '0');
  return `${fen < 0 ? '-' : ''}${yuan}.${cents}`;
}
