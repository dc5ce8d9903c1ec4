import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { can, forbidden, jurisdictionPrefix, requirePermission, type Principal } from '@doudi/shared';
import { Case } from './case.entity.js';
import type { Referral } from '../referral/referral.entity.js';
import type { Loaders } from '../context.js';

/**
 * Who sees a case (DESIGN §6): those who oversee the case's jurisdiction (caseworkers, administrators),
 * and the organisations taking part in it — the lead and every sender or receiver of its referrals.
 */
export function oversees(principal: Principal, jurisdictionCode: string): boolean {
  return can(principal, 'cases:oversee', jurisdictionCode);
}

export function involved(principal: Principal, found: Case, referrals: Referral[]): boolean {
  const organisation = principal.organisationId;
  if (!organisation) return false;
  return (
    found.leadOrganisationId === organisation ||
    referrals.some((r) => r.fromOrganisationId === organisation || r.toOrganisationId === organisation)
  );
}

export async function canSeeCase(principal: Principal, found: Case, loaders: Loaders): Promise<boolean> {
  if (!can(principal, 'cases:read')) return false;
  return (
    oversees(principal, found.jurisdictionCode) ||
    involved(principal, found, await loaders.referralsByCase.load(found.id))
  );
}

export async function assertCanSeeCase(principal: Principal, found: Case, loaders: Loaders): Promise<void> {
  requirePermission(principal, 'cases:read');
  if (!(await canSeeCase(principal, found, loaders))) {
    throw forbidden('Your organisation takes no part in this case and it lies outside your jurisdiction');
  }
}

/** The cases a list may show the caller, as one SQL condition. */
export function visibleCases(em: EntityManager, principal: Principal): FilterQuery<Case> {
  requirePermission(principal, 'cases:read');
  const anyOf: FilterQuery<Case>[] = [];
  const prefix = jurisdictionPrefix(principal);
  if (can(principal, 'cases:oversee') && prefix !== null) anyOf.push({ jurisdictionCode: { $like: `${prefix}%` } });
  const organisation = principal.organisationId;
  if (organisation) {
    const referredWith = em
      .getKnex()
      .select('case_id')
      .from('referral')
      .where('from_organisation_id', organisation)
      .orWhere('to_organisation_id', organisation);
    anyOf.push({ leadOrganisationId: organisation }, { id: { $in: referredWith as never } });
  }
  return anyOf.length ? { $or: anyOf } : { id: { $in: [] } };
}

/** The referrals a list may show: those of the cases the caller sees (same rule as visibleCases). */
export function visibleReferrals(em: EntityManager, principal: Principal): FilterQuery<Referral> {
  requirePermission(principal, 'cases:read');
  const knex = em.getKnex();
  const anyOf: FilterQuery<Referral>[] = [];
  const prefix = jurisdictionPrefix(principal);
  if (can(principal, 'cases:oversee') && prefix !== null) {
    anyOf.push({
      caseId: {
        $in: knex.select('id').from('hardship_case').where('jurisdiction_code', 'like', `${prefix}%`) as never,
      },
    });
  }
  const organisation = principal.organisationId;
  if (organisation) {
    const led = knex.select('id').from('hardship_case').where('lead_organisation_id', organisation);
    const takenPart = knex
      .select('case_id')
      .from('referral')
      .where('from_organisation_id', organisation)
      .orWhere('to_organisation_id', organisation);
    anyOf.push({ caseId: { $in: led as never } }, { caseId: { $in: takenPart as never } });
  }
  return anyOf.length ? { $or: anyOf } : { id: { $in: [] } };
}
