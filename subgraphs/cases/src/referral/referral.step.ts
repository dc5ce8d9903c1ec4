import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import {
  assertId,
  assertVersion,
  forbidden,
  invalidState,
  notFound,
  requirePermission,
  type Principal,
} from '@doudi/shared';
import { Referral } from './referral.entity.js';
import type { ReferralStatus } from './referral.enums.js';
import type { Case } from '../case/case.entity.js';
import { assertCanSeeCase, oversees } from '../case/case.access.js';
import { lockCase } from '../case/case.step.js';
import { getCase } from '../case/case.service.js';
import type { Context } from '../context.js';

/** The receiving organisation's staff, or those overseeing the case's jurisdiction. */
export function assertReceiver(principal: Principal, referral: Referral, found: Case) {
  requirePermission(principal, 'cases:write');
  if (principal.organisationId === referral.toOrganisationId || oversees(principal, found)) return;
  throw forbidden('Only the receiving organisation (or those overseeing the case) may answer this referral');
}

/** The sending organisation's staff, or those overseeing the case's jurisdiction. */
export function assertSender(principal: Principal, referral: Referral, found: Case) {
  requirePermission(principal, 'cases:write');
  if (principal.organisationId === referral.fromOrganisationId || oversees(principal, found)) return;
  throw forbidden('Only the sending organisation (or those overseeing the case) may take this step');
}

export function assertStatus(referral: Referral, step: string, ...allowed: ReferralStatus[]) {
  if (!allowed.includes(referral.status)) {
    throw invalidState(`A referral that is ${referral.status} cannot be ${step} (it must be ${allowed.join(' or ')})`, {
      status: referral.status,
    });
  }
}

export interface ReferralStep<P, T> {
  allow(referral: Referral, found: Case): void;
  check(referral: Referral, found: Case): void;
  prepare?(referral: Referral, found: Case): Promise<P>;
  apply(tx: EntityManager, referral: Referral, found: Case, prepared: P): Promise<T>;
}

/**
 * One step on a referral: NOT_FOUND, FORBIDDEN, CONFLICT on a stale version, INVALID_STATE out of order; then
 * the step in a transaction holding the case's row lock and the referral's (always in that order).
 */
export async function referralStep<P, T>(
  ctx: Context,
  input: { referralId: string; version: number },
  step: ReferralStep<P, T>,
): Promise<T> {
  const id = assertId('input.referralId', input.referralId);
  const seen = await ctx.em.findOne(Referral, { id }, { refresh: true });
  if (!seen) throw notFound('Referral', id);
  const seenCase = await getCase(ctx.em, seen.caseId);
  await assertCanSeeCase(ctx.principal, seenCase, ctx.loaders);
  step.allow(seen, seenCase);
  assertVersion(seen, input.version, 'Referral');
  step.check(seen, seenCase);
  const prepared = step.prepare ? await step.prepare(seen, seenCase) : (undefined as P);
  return ctx.em.transactional(async (tx) => {
    const found = await lockCase(tx, seen.caseId);
    const referral = await tx.findOne(Referral, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
    if (!referral) throw notFound('Referral', id);
    assertVersion(referral, input.version, 'Referral');
    step.check(referral, found);
    return step.apply(tx, referral, found, prepared);
  });
}
