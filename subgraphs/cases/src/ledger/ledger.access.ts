import {
  assertId,
  assertJurisdictionCode,
  badInput,
  can,
  codePrefix,
  DomainError,
  ErrorCode,
  forbidden,
  levelOfCode,
  requireSignedIn,
  type Principal,
} from '@doudi/shared';
import type { Context } from '../context.js';
import { assertJurisdictionKnown, organisationPlace } from '../remote/organisations.js';
import { LedgerKind } from './ledger.entity.js';

/** Whose ledger: an office (an organisation, wherever it sits) or a township (its division). */
export interface LedgerSubject {
  kind: LedgerKind;
  /** The office; null for a township's ledgers. */
  organisationId: string | null;
  /** The office's division, or the township. */
  jurisdictionCode: string;
  /** What the ledger is keyed by: the office's id or the township's code. */
  subject: string;
}

/** The same answer for an organisation that does not exist and one outside the caller's reach: no oracle. */
const noSuchOffice = (id: string) =>
  new DomainError(ErrorCode.NOT_FOUND, `No organisation ${id} within your reach`, {
    type: 'Organisation',
    id,
    field: 'organisationId',
  });

/**
 * Reads the items: an office's own staff (cases:read), and those who oversee cases in its division — the
 * township's civil-affairs office, the county bureau above it (cases:oversee). A township's ledgers: those who
 * oversee the township.
 */
export function mayReadItems(principal: Principal, subject: LedgerSubject): boolean {
  if (subject.kind === LedgerKind.OFFICE && principal.organisationId === subject.organisationId) {
    return can(principal, 'cases:read');
  }
  return can(principal, 'cases:oversee', subject.jurisdictionCode);
}

/** Reads the suppressed table of counts: whoever reads the items, and reporting callers over the division. */
export const mayReadTable = (principal: Principal, subject: LedgerSubject) =>
  mayReadItems(principal, subject) || can(principal, 'reports:read', subject.jurisdictionCode);

/** FORBIDDEN naming the permission, for someone who may see the ledger but not its items. */
export function requireItems(principal: Principal, subject: LedgerSubject): void {
  if (!mayReadItems(principal, subject)) {
    throw forbidden('The items of a ledger are for the office and those who oversee it (needs cases:read)', {
      permission: subject.kind === LedgerKind.OFFICE ? 'cases:read' : 'cases:oversee',
    });
  }
}

/**
 * Who submits: an office's own staff (各科室每月将救助台账报民政办); the township's own civil-affairs staff, who
 * oversee it from within it (乡民政办 … 报县民政局备案) — the county bureau reads, it does not file to itself.
 */
export function assertMaySubmit(principal: Principal, subject: LedgerSubject): void {
  const allowed =
    subject.kind === LedgerKind.OFFICE
      ? principal.organisationId === subject.organisationId && can(principal, 'cases:write')
      : can(principal, 'cases:write') &&
        can(principal, 'cases:oversee', subject.jurisdictionCode) &&
        principal.jurisdictionCode === subject.jurisdictionCode;
  if (!allowed) {
    throw forbidden(
      subject.kind === LedgerKind.OFFICE
        ? 'Only the office’s own staff submit its ledger (needs cases:write in that organisation)'
        : 'Only the township’s own civil-affairs staff submit its ledgers (needs cases:write and cases:oversee there)',
      { permission: 'cases:write' },
    );
  }
}

/**
 * The subject a caller names, checked: a well-formed id or township code (BAD_USER_INPUT naming the field); an
 * office that exists and lies within reach — unknown and out of reach answer the same NOT_FOUND; a township within
 * the caller's subtree (FORBIDDEN otherwise, whether or not it exists) that organisations knows (NOT_FOUND).
 */
export async function resolveSubject(
  ctx: Context,
  kind: LedgerKind,
  given: { organisationId?: string | null; jurisdictionCode?: string | null },
  prefix: string,
): Promise<LedgerSubject> {
  requireSignedIn(ctx.principal);
  if (kind === LedgerKind.OFFICE) {
    if (!given.organisationId) throw badInput(`${prefix}organisationId`, 'An office’s ledger names the office');
    const id = assertId(`${prefix}organisationId`, given.organisationId);
    let jurisdictionCode: string;
    try {
      ({ jurisdictionCode } = await organisationPlace(ctx, id));
    } catch (error) {
      const code = (error as { extensions?: { code?: string } }).extensions?.code;
      if (code === ErrorCode.NOT_FOUND || code === ErrorCode.FORBIDDEN) throw noSuchOffice(id);
      throw error;
    }
    const subject = { kind, organisationId: id, jurisdictionCode, subject: id };
    if (!mayReadTable(ctx.principal, subject)) throw noSuchOffice(id);
    return subject;
  }
  if (!given.jurisdictionCode) throw badInput(`${prefix}jurisdictionCode`, 'A township’s ledger names the township');
  const code = assertJurisdictionCode(`${prefix}jurisdictionCode`, given.jurisdictionCode);
  if (levelOfCode(code) !== 'TOWNSHIP') {
    throw badInput(`${prefix}jurisdictionCode`, `${code} is not a township: a township’s ledger names one (乡镇)`);
  }
  const subject = { kind, organisationId: null, jurisdictionCode: code, subject: code };
  if (!mayReadTable(ctx.principal, subject)) {
    throw forbidden(`${prefix}jurisdictionCode lies outside your jurisdiction`, { field: `${prefix}jurisdictionCode` });
  }
  await assertJurisdictionKnown(ctx, code);
  return subject;
}

/** The subject of a stored ledger (its division recorded at submission): no question to organisations. */
export function storedSubject(
  ctx: Context,
  ledger: { id: string; kind: LedgerKind; organisationId: string | null; jurisdictionCode: string; subject: string },
): LedgerSubject {
  requireSignedIn(ctx.principal);
  const subject = { ...ledger };
  if (!mayReadTable(ctx.principal, subject)) {
    throw new DomainError(ErrorCode.NOT_FOUND, `No ledger ${ledger.id} within your reach`, { type: 'Ledger' });
  }
  return subject;
}

export const townshipPrefix = (subject: LedgerSubject) => codePrefix(subject.jurisdictionCode);

/** Referral kinds that state a health fact about the family (the visit findings' MEDICAL and MENTAL_HEALTH). */
const HEALTH_KINDS = ['MEDICAL_AID', 'MENTAL_HEALTH'];

/**
 * A row as this caller may read it: what was asked of the office stays hidden where it is a health fact and the
 * caller may not read health facts in the case's division (docs/architecture.md, Security model).
 */
export function maskRow<T extends { referralKind: string | null; jurisdictionCode: string }>(
  principal: Principal,
  row: T,
): T {
  if (!row.referralKind || !HEALTH_KINDS.includes(row.referralKind)) return row;
  return can(principal, 'households:read-sensitive', row.jurisdictionCode) ? row : { ...row, referralKind: null };
}
