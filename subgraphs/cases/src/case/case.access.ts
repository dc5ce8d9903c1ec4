import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import {
  assertNotAtVillage,
  can,
  forbidden,
  jurisdictionPrefix,
  requirePermission,
  type Principal,
} from '@doudi/shared';
import { Case } from './case.entity.js';
import type { Referral } from '../referral/referral.entity.js';
import type { FollowUp } from '../follow-up/follow-up.entity.js';
import type { Loaders } from '../context.js';

/**
 * Who sees a case (docs/architecture.md, Security model): those who oversee the case's jurisdiction (caseworkers, administrators), and
 * the organisations taking part in it. The case's parties (lead, origin, first-question organisation, window,
 * assigned office) see all of it; an organisation that takes part only through a referral or a follow-up
 * sees the case, its own referrals and the timeline about them (襄政办发〔2023〕26号 八(五), 晋检发办字〔2023〕10号 第二十四条).
 */
export function overseesJurisdiction(principal: Principal, jurisdictionCode: string): boolean {
  return can(principal, 'cases:oversee', jurisdictionCode);
}

/** The places whose overseers reach the case: its own jurisdiction, and where the family is registered and lives. */
export function placesOf(found: Case): string[] {
  return [found.jurisdictionCode, found.householdJurisdictionCode, found.residenceJurisdictionCode].filter(
    (code): code is string => code !== null,
  );
}

export function oversees(principal: Principal, found: Case): boolean {
  return placesOf(found).some((code) => can(principal, 'cases:oversee', code));
}

/** Health facts of the case (medical findings, confidential notes): for those who may read them in one of its places. */
export function readsSensitive(principal: Principal, found: Case): boolean {
  return placesOf(found).some((code) => can(principal, 'households:read-sensitive', code));
}

/**
 * The organisations that see the whole case. The organisation first asked (首问负责制, 周政办字〔2017〕70号 四(四)) is one
 * only until the request reaches the window; after handing it over it keeps reading the case and its own entries
 * (need to know, 襄政办发〔2023〕26号 八(五)), not the other agencies' referrals.
 */
export function partiesOf(found: Case): string[] {
  return [
    found.leadOrganisationId,
    found.originOrganisationId,
    found.atWindow ? null : found.firstQuestionOrganisationId,
    found.windowOrganisationId,
    found.officeOrganisationId,
  ].filter((id): id is string => id !== null);
}

export function isParty(principal: Principal, found: Case): boolean {
  return principal.organisationId !== null && partiesOf(found).includes(principal.organisationId);
}

/** Sees every referral and every timeline entry of the case. */
export function seesWholeCase(principal: Principal, found: Case): boolean {
  return oversees(principal, found) || isParty(principal, found);
}

export function takesPartIn(principal: Principal, referral: Referral): boolean {
  const organisation = principal.organisationId;
  return (
    organisation !== null &&
    (referral.fromOrganisationId === organisation || referral.toOrganisationId === organisation)
  );
}

export function involved(principal: Principal, found: Case, referrals: Referral[], followUps: FollowUp[]): boolean {
  const organisation = principal.organisationId;
  if (!organisation) return false;
  return (
    isParty(principal, found) ||
    found.firstQuestionOrganisationId === organisation ||
    referrals.some((r) => takesPartIn(principal, r)) ||
    followUps.some((f) => f.organisationId === organisation)
  );
}

export async function canSeeCase(principal: Principal, found: Case, loaders: Loaders): Promise<boolean> {
  if (!can(principal, 'cases:read')) return false;
  if (seesWholeCase(principal, found)) return true;
  if (!principal.organisationId) return false;
  const [referrals, followUps] = await Promise.all([
    loaders.referralsByCase.load(found.id),
    loaders.followUpsByCase.load(found.id),
  ]);
  return involved(principal, found, referrals, followUps);
}

export async function assertCanSeeCase(principal: Principal, found: Case, loaders: Loaders): Promise<void> {
  requirePermission(principal, 'cases:read');
  if (!(await canSeeCase(principal, found, loaders))) {
    throw forbidden('Your organisation takes no part in this case and it lies outside your jurisdiction');
  }
}

/** A referral is shown to those who see the whole case and to its own sender and receiver. */
export async function canSeeReferral(principal: Principal, referral: Referral, loaders: Loaders): Promise<boolean> {
  const found = await loaders.case.load(referral.caseId);
  if (!found || !(await canSeeCase(principal, found, loaders))) return false;
  return seesWholeCase(principal, found) || takesPartIn(principal, referral);
}

/**
 * The lead's own steps (report, conclude the investigation, push referrals, assign, review, notice, close):
 * the lead's staff or those who oversee the case's jurisdiction, with cases:write. A village-level account takes
 * none of them — villages discover, townships decide (河鱼府发【2021】39号 二(一)(二)) — except the visits
 * (`options.village`: a visit or follow-up visit, which villages make, 村不漏户、户不漏人).
 */
export function assertMayAct(
  principal: Principal,
  found: Case,
  also: (string | null)[] = [],
  what = 'this step',
  options: { village?: boolean } = {},
) {
  requirePermission(principal, 'cases:write');
  if (!options.village) assertNotAtVillage(principal, what);
  if (oversees(principal, found)) return;
  const organisation = principal.organisationId;
  if (organisation && [found.leadOrganisationId, ...also].includes(organisation)) return;
  throw forbidden(`Only the lead organisation or those overseeing ${found.jurisdictionCode} may take ${what}`);
}

/** The cases a list may show the caller, as one SQL condition. */
export function visibleCases(em: EntityManager, principal: Principal): FilterQuery<Case> {
  requirePermission(principal, 'cases:read');
  const anyOf: FilterQuery<Case>[] = [];
  const prefix = jurisdictionPrefix(principal);
  if (can(principal, 'cases:oversee') && prefix !== null) {
    const like = { $like: `${prefix}%` };
    anyOf.push({ jurisdictionCode: like }, { householdJurisdictionCode: like }, { residenceJurisdictionCode: like });
  }
  const organisation = principal.organisationId;
  if (organisation) {
    const knex = em.getKnex();
    const referredWith = knex
      .select('case_id')
      .from('referral')
      .where('from_organisation_id', organisation)
      .orWhere('to_organisation_id', organisation);
    const followsUp = knex.select('case_id').from('follow_up').where('organisation_id', organisation);
    anyOf.push(
      { leadOrganisationId: organisation },
      { originOrganisationId: organisation },
      { firstQuestionOrganisationId: organisation },
      { windowOrganisationId: organisation },
      { officeOrganisationId: organisation },
      { id: { $in: referredWith as never } },
      { id: { $in: followsUp as never } },
    );
  }
  return anyOf.length ? { $or: anyOf } : { id: { $in: [] } };
}

/** The referrals a list may show: all of the cases the caller sees whole, and its own elsewhere. */
export function visibleReferrals(em: EntityManager, principal: Principal): FilterQuery<Referral> {
  requirePermission(principal, 'cases:read');
  const knex = em.getKnex();
  const anyOf: FilterQuery<Referral>[] = [];
  const prefix = jurisdictionPrefix(principal);
  if (can(principal, 'cases:oversee') && prefix !== null) {
    const overseen = knex
      .select('id')
      .from('hardship_case')
      .where('jurisdiction_code', 'like', `${prefix}%`)
      .orWhere('household_jurisdiction_code', 'like', `${prefix}%`)
      .orWhere('residence_jurisdiction_code', 'like', `${prefix}%`);
    anyOf.push({ caseId: { $in: overseen as never } });
  }
  const organisation = principal.organisationId;
  if (organisation) {
    const partyTo = knex
      .select('id')
      .from('hardship_case')
      .where('lead_organisation_id', organisation)
      .orWhere('origin_organisation_id', organisation)
      .orWhere((q) => {
        q.where('first_question_organisation_id', organisation).andWhere('at_window', false);
      })
      .orWhere('window_organisation_id', organisation)
      .orWhere('office_organisation_id', organisation);
    anyOf.push(
      { caseId: { $in: partyTo as never } },
      { fromOrganisationId: organisation },
      { toOrganisationId: organisation },
    );
  }
  return anyOf.length ? { $or: anyOf } : { id: { $in: [] } };
}
