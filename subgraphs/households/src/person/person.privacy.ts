import { maskIdNumber, maskPhone, type Permission, type Principal } from '@doudi/shared';
import type { Household } from '../household/household.entity.js';
import { reaches } from '../household/household.access.js';

/**
 * The one place that says which fields of a household or a member are sensitive (docs/architecture.md, Security model) and which
 * permission reads them. Every path that can carry a field — `Person.health`, `householdHistory`,
 * `householdAsOf`, import reports, error messages — asks this table, so a fact hidden on one path is
 * hidden on all of them.
 */
export const SENSITIVE_FIELDS: Readonly<Record<string, Permission>> = Object.fromEntries(
  ['disabilityCategory', 'disabilityGrade', 'hasDisabilityCertificate', 'seriousIllness', 'chronicIllness'].map(
    (field) => [field, 'households:read-sensitive' as const],
  ),
);

/** Person.health's fields: all of them sensitive. */
export const HEALTH_FIELDS = [
  'disabilityCategory',
  'disabilityGrade',
  'hasDisabilityCertificate',
  'seriousIllness',
  'chronicIllness',
] as const;

/** Personal data kept sealed: never shown anywhere; only the masked forms below may be. */
export const SEALED_FIELDS: ReadonlySet<string> = new Set(['idNumberSealed', 'idNumberHash', 'phoneSealed']);

/** Fields that must only ever read masked, on every path (a value found unmasked is masked on the way out). */
export const MASKED_FIELDS: Readonly<Partial<Record<string, (value: string) => string>>> = {
  idNumberMasked: (value) => (/^\d{17}[\dX]$/i.test(value) ? maskIdNumber(value.toUpperCase()) : value),
  phoneMasked: (value) => (/^\+?\d{7,}$/.test(value.replace(/[\s-]/g, '')) ? maskPhone(value) : value),
};

export const isSensitiveField = (field: string) => field in SENSITIVE_FIELDS;

type Place = Pick<Household, 'jurisdictionCode' | 'residenceJurisdictionCode'>;

/** Whether the caller may read `field` of a record of this household (true for every field not sensitive). */
export function mayRead(principal: Principal, household: Place, field: string): boolean {
  if (SEALED_FIELDS.has(field)) return false;
  const permission = SENSITIVE_FIELDS[field];
  return !permission || reaches(principal, permission, household);
}

/** A field's value as it may leave the subgraph: masked where it must be. */
export function shownValue(field: string, value: unknown): unknown {
  const mask = MASKED_FIELDS[field];
  return mask && typeof value === 'string' ? mask(value) : value;
}

/** The record with every field the caller may not read left out, and personal data masked. */
export function visibleFields<T extends Record<string, unknown>>(
  principal: Principal,
  household: Place,
  record: T,
): Partial<T> {
  return Object.fromEntries(
    Object.entries(record)
      .filter(([field]) => mayRead(principal, household, field))
      .map(([field, value]) => [field, shownValue(field, value)]),
  ) as Partial<T>;
}
