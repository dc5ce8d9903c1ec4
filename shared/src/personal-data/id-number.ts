import { badInput } from '../errors.js';
import { isIsoDate, shanghaiDate } from '../scalars.js';

/** GB 11643-1999: the weights of the first 17 digits and the check character for (sum mod 11). */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export interface IdNumberFacts {
  /** Normalised: 18 characters, an upper-case X if the check character is 10. */
  value: string;
  birthDate: string;
  sex: 'MALE' | 'FEMALE';
  /** The 6-digit code of the county of first registration (GB/T 2260). */
  countyCode: string;
}

export function checkCharacter(first17: string): string {
  const sum = [...first17].reduce((total, digit, i) => total + Number(digit) * WEIGHTS[i], 0);
  return CHECK[sum % 11];
}

/**
 * Reads a resident identity card number, or says what is wrong with it: 18 characters, a real birth date
 * between 1900 and today embedded at positions 7–14, and the GB 11643 check character.
 */
export function parseIdNumber(field: string, raw: string, today = shanghaiDate()): IdNumberFacts {
  const value = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(value)) throw badInput(field, `${field} must be 18 characters: 17 digits and a digit or X`);
  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (!isIsoDate(birthDate) || birthDate < '1900-01-01' || birthDate > today) {
    throw badInput(field, `${field} carries an impossible birth date (${birthDate})`);
  }
  if (checkCharacter(value.slice(0, 17)) !== value[17]) {
    throw badInput(field, `${field} fails the GB 11643 check: mistyped digit?`);
  }
  return { value, birthDate, sex: Number(value[16]) % 2 === 1 ? 'MALE' : 'FEMALE', countyCode: value.slice(0, 6) };
}

/** `141023********1234`: the county and the last four, never the birth date (docs/architecture.md, Security model). */
export function maskIdNumber(value: string): string {
  return `${value.slice(0, 6)}********${value.slice(14)}`;
}

/** `王**`: the family name, enough to tell people apart on a list, not to identify them. */
export function maskName(value: string): string {
  return `${value.slice(0, 1)}**`;
}

/** `138****5678`: enough to recognise a number, not to dial it. */
export function maskPhone(value: string): string {
  const digits = value.replace(/\D/g, '');
  return digits.length <= 7 ? '*'.repeat(digits.length) : `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

export function normalisePhone(field: string, raw: string): string {
  const value = raw.replace(/[\s-]/g, '');
  if (!/^(\+?86)?(1[3-9]\d{9}|0\d{9,11})$/.test(value)) {
    throw badInput(field, `${field} must be a mainland mobile (11 digits) or a landline with its area code`);
  }
  return value.replace(/^\+?86/, '');
}
