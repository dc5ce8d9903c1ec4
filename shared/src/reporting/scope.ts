import { forbidden, requirePermission, withinJurisdiction, type Principal } from '../auth/principal.js';
import { badInput, DomainError, ErrorCode } from '../errors.js';
import { assertJurisdictionCode, codePrefix, levelOfCode } from '../jurisdiction-code.js';
import type { SubgraphQuery } from '../subgraph-client.js';

/** Where a report looks: a jurisdiction's subtree, and how its child divisions are told apart. */
export interface ReportScope {
  code: string;
  /** Every code of the subtree starts with it (e.g. 141023 for 襄汾县). */
  prefix: string;
  /** The digits that name a child division (9 under a county: its townships); 12 under a village (itself). */
  childDigits: number;
}

const CHILD_DIGITS = { PROVINCE: 4, CITY: 6, COUNTY: 9, TOWNSHIP: 12, VILLAGE: 12 } as const;

/**
 * The caller may read reports (`reports:read`) of this jurisdiction: BAD_USER_INPUT for a malformed code, FORBIDDEN
 * for one outside the caller's subtree — the same answer whether or not it exists, so nobody learns what lies
 * outside their reach. Whether a code inside it exists is asked of organisations (assertJurisdictionKnown).
 */
export function reportScope(principal: Principal, jurisdictionCode: string, field = 'jurisdictionCode'): ReportScope {
  requirePermission(principal, 'reports:read');
  const code = assertJurisdictionCode(field, jurisdictionCode);
  if (!withinJurisdiction(principal, code)) {
    throw forbidden(`${field} lies outside your jurisdiction`, { permission: 'reports:read', field });
  }
  return { code, prefix: codePrefix(code), childDigits: CHILD_DIGITS[levelOfCode(code)] };
}

/** SQL for the child division a code column rolls up to (the 12-digit code, zero-padded). */
export const childDivisionSql = (column: string, scope: ReportScope) =>
  `rpad(left(${column}, ${scope.childDigits}), 12, '0')`;

/**
 * NOT_FOUND when organisations knows no such division (asked as the caller, one call a request). The caller's
 * subtree was checked first, so this tells them only about their own divisions.
 */
export async function assertJurisdictionKnown(
  organisations: SubgraphQuery,
  assertion: string,
  code: string,
  field = 'jurisdictionCode',
): Promise<void> {
  try {
    await organisations(`query($code: ID!) { jurisdiction(code: $code) { code } }`, { code }, assertion);
  } catch (error) {
    const known = (error as { extensions?: { code?: string } }).extensions?.code;
    if (known === ErrorCode.NOT_FOUND) {
      throw new DomainError(ErrorCode.NOT_FOUND, `No jurisdiction has the code ${code}`, {
        field,
        type: 'Jurisdiction',
      });
    }
    throw error;
  }
}

/** A table has at most two dimensions: any cut a dashboard draws, with margins the suppression can protect. */
export const MAX_DIMENSIONS = 2;

/** Checks the dimensions a caller asked for: known to this table, none twice, at most MAX_DIMENSIONS. */
export function assertDimensions<T extends string>(by: readonly T[], allowed: readonly T[], field = 'by'): T[] {
  if (by.length > MAX_DIMENSIONS) throw badInput(field, `A table has at most ${MAX_DIMENSIONS} dimensions`);
  if (new Set(by).size !== by.length) throw badInput(field, 'A dimension is named twice');
  const wrong = by.find((d) => !allowed.includes(d));
  if (wrong) throw badInput(field, `This table cannot be cut by ${wrong}; it takes ${allowed.join(', ')}`);
  return [...by];
}
