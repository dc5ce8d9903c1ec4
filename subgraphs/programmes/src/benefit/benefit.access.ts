import type { FilterQuery } from '@mikro-orm/postgresql';
import {
  assertDate,
  assertId,
  can,
  forbidden,
  JURISDICTION_LEVELS,
  jurisdictionPrefix,
  levelOfCode,
  pageWindow,
  toConnection,
  orderByOf,
  requireSignedIn,
  subtreeOf,
  syncPage,
  syncWindow,
  type Principal,
  actorOf,
} from '@doudi/shared';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Benefit } from './benefit.entity.js';
import { BenefitStatus, StaffRelation } from './benefit-status.js';
import type { ApprovalLevel } from '../version/programme-settings.js';
import { BENEFIT_ORDER_COLUMNS, type BenefitListArgs } from './benefit.inputs.js';

/**
 * Relief received is personal data: only those who propose or decide relief for the household's place read
 * it (caseworkers, approvers, administrators). Agencies learn what was decided for their cases from cases.
 */
export const mayReadBenefit = (principal: Principal, benefit: Pick<Benefit, 'jurisdictionCode'>) =>
  can(principal, 'benefits:propose', benefit.jurisdictionCode) ||
  can(principal, 'benefits:approve', benefit.jurisdictionCode);

export function assertMayReadBenefit(principal: Principal, benefit: Benefit): Benefit {
  if (!mayReadBenefit(principal, benefit)) throw forbidden('Your account may not read this benefit');
  return benefit;
}

/**
 * What assertMayDecide would let this caller decide now (benefit-decision.service.ts): proposals at the caller's level
 * or below (a county decides what it delegated to townships), never their own under any identity.
 */
function awaitingDecisionBy(principal: Principal): FilterQuery<Benefit>[] {
  const level = principal.jurisdictionCode ? JURISDICTION_LEVELS.indexOf(levelOfCode(principal.jurisdictionCode)) : 0;
  const actor = actorOf(principal);
  // Written out with nulls: a row proposed before actors were recorded has none, and SQL's <> skips nulls.
  const not = (column: 'proposedById' | 'proposedByActorId', id: string | null): FilterQuery<Benefit> =>
    id === null ? {} : { $or: [{ [column]: null }, { [column]: { $ne: id } }] };
  return [
    { status: BenefitStatus.PROPOSED },
    { approvalLevel: { $in: JURISDICTION_LEVELS.slice(Math.max(level, 0)) as unknown as ApprovalLevel[] } },
    not('proposedById', principal.id),
    not('proposedByActorId', actor),
  ];
}

export async function listBenefits(em: EntityManager, principal: Principal, args: BenefitListArgs) {
  requireSignedIn(principal);
  const sync = args.filter?.updatedSince ? syncWindow(args, args.filter.updatedSince) : null;
  const window = sync ? { offset: 0, limit: sync.limit } : pageWindow(args);
  const own = jurisdictionPrefix(principal);
  if (own === null || !(can(principal, 'benefits:propose') || can(principal, 'benefits:approve'))) {
    return toConnection([], 0, window);
  }
  const filter = args.filter ?? {};
  const where: FilterQuery<Benefit>[] = [{ jurisdictionCode: { $like: `${own}%` } }];
  if (filter.jurisdictionCode)
    where.push({ jurisdictionCode: subtreeOf('filter.jurisdictionCode', filter.jurisdictionCode) });
  if (filter.programmeId) where.push({ programmeId: assertId('filter.programmeId', filter.programmeId) });
  if (filter.householdId) where.push({ householdId: assertId('filter.householdId', filter.householdId) });
  if (filter.statuses?.length) where.push({ status: { $in: filter.statuses } });
  if (filter.awaitingMyDecision) {
    if (!can(principal, 'benefits:approve')) return toConnection([], 0, window);
    where.push(...awaitingDecisionBy(principal));
  }
  if (filter.underReview !== undefined && filter.underReview !== null) {
    const flagged: FilterQuery<Benefit> = {
      $or: [{ reviewFlagReason: { $ne: null } }, { endingNoticeEndsOn: { $ne: null } }],
    };
    where.push(
      filter.underReview
        ? { status: BenefitStatus.ACTIVE, ...flagged }
        : { reviewFlagReason: null, endingNoticeEndsOn: null },
    );
  }
  if (filter.reviewDueBy) {
    where.push({
      status: BenefitStatus.ACTIVE,
      reviewDueOn: { $lte: assertDate('filter.reviewDueBy', filter.reviewDueBy) },
    });
  }
  if (filter.inPublicNotice !== undefined && filter.inPublicNotice !== null) {
    const noticed: FilterQuery<Benefit> = {
      $or: [{ status: BenefitStatus.IN_NOTICE }, { status: BenefitStatus.ACTIVE, endingNoticeEndsOn: { $ne: null } }],
    };
    where.push(filter.inPublicNotice ? noticed : { $not: noticed });
  }
  if (filter.filingRequired !== undefined && filter.filingRequired !== null) {
    where.push({ staffRelation: filter.filingRequired ? { $ne: StaffRelation.NONE } : StaffRelation.NONE });
  }
  // Incremental sync (docs/sync.md): the same visible set and filters, in (updatedAt, id) order by cursor.
  if (sync) return syncPage(em, Benefit, { $and: where }, sync);
  const [nodes, total] = await em.findAndCount(
    Benefit,
    { $and: where },
    { ...window, orderBy: orderByOf(args.orderBy, BENEFIT_ORDER_COLUMNS, { grantedOn: 'desc' }) },
  );
  return toConnection(nodes, total, window);
}
