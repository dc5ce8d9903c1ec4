import { badInput } from './errors.js';

/**
 * Statistical division codes (统计用区划代码): 12 digits — 2 province, 2 city, 2 county (together the
 * GB/T 2260 code), 3 township, 3 village. The level is where the trailing zeros begin.
 */
export const JURISDICTION_LEVELS = ['PROVINCE', 'CITY', 'COUNTY', 'TOWNSHIP', 'VILLAGE'] as const;
export type JurisdictionLevel = (typeof JURISDICTION_LEVELS)[number];

const PROVINCE_PREFIXES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63,
  64, 65, 71, 81, 82,
]);

export function isJurisdictionCode(code: string): boolean {
  return /^\d{12}$/.test(code) && PROVINCE_PREFIXES.has(Number(code.slice(0, 2)));
}

export function levelOfCode(code: string): JurisdictionLevel {
  if (code.endsWith('0000000000')) return 'PROVINCE';
  if (code.endsWith('00000000')) return 'CITY';
  if (code.endsWith('000000')) return 'COUNTY';
  if (code.endsWith('000')) return 'TOWNSHIP';
  return 'VILLAGE';
}

/** Validates a code given by a caller; `field` names the input field in the BAD_USER_INPUT error. */
export function assertJurisdictionCode(field: string, code: string): string {
  if (!isJurisdictionCode(code)) {
    throw badInput(field, `${field} must be a 12-digit statistical division code (e.g. 141023000000), got "${code}"`);
  }
  return code;
}

const SIGNIFICANT_DIGITS: Record<JurisdictionLevel, number> = {
  PROVINCE: 2,
  CITY: 4,
  COUNTY: 6,
  TOWNSHIP: 9,
  VILLAGE: 12,
};

/** The digits that identify a jurisdiction's subtree: every code below 141023000000 starts with 141023. */
export function codePrefix(code: string): string {
  return code.slice(0, SIGNIFICANT_DIGITS[levelOfCode(code)]);
}

/**
 * Codes that may be above `code`, nearest last: 141023100000 → 140000000000, 141000000000, 141023000000.
 * Levels can be skipped (重庆市's counties have no city above them), so callers keep those that exist.
 */
export function ancestorCandidates(code: string): string[] {
  const own = SIGNIFICANT_DIGITS[levelOfCode(code)];
  return Object.values(SIGNIFICANT_DIGITS)
    .filter((digits) => digits < own)
    .map((digits) => code.slice(0, digits).padEnd(12, '0'))
    .filter((candidate) => candidate !== code);
}

/** A filter condition matching a jurisdiction and everything below it (`field` names the input). */
export function subtreeOf(field: string, code: string): { $like: string } {
  return { $like: `${codePrefix(assertJurisdictionCode(field, code))}%` };
}

/** The codes a setting for `code` may come from: its own and those above it (see ancestorCandidates). */
export const chainOf = (code: string): string[] => [...ancestorCandidates(code), code];

/**
 * Of settings published along a jurisdiction's chain, the one nearest to it: a county's own replaces its
 * city's, which replaces its province's.
 */
export function nearestPublished<T>(code: string, rows: T[], codeOf: (row: T) => string): T | undefined {
  const chain = chainOf(code);
  let nearest: T | undefined;
  for (const row of rows) {
    const depth = chain.indexOf(codeOf(row));
    if (depth >= 0 && (nearest === undefined || depth > chain.indexOf(codeOf(nearest)))) nearest = row;
  }
  return nearest;
}
