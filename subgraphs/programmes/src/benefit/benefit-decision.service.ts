import { filedAs, filingOfStep, type RelativeFiling } from './benefit.filing.js';
import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import {
  actorOf,
  assertDate,
  addCalendarDays,
  assertId,
  assertVersion,
  badInput,
  forbidden,
  invalidState,
  JURISDICTION_LEVELS,
  levelOfCode,
  notFound,
  pastDate,
  requirePermission,
  requiredText,
  shanghaiDate,
  type Principal,
} from '@doudi/shared';
import { Benefit } from './benefit.entity.js';
import { BenefitEndCause, BenefitStatus } from './benefit-status.js';
import { ReviewOutcome } from './benefit-review-status.js';
import { BenefitReview } from './benefit-review.entity.js';
import { Programme } from '../programme/programme.entity.js';
import { BenefitObjection } from './objection.entity.js';
import {
  assertHukouPlaceDecides,
  cancelEnding,
  ENDING_NOTICE_KINDS,
  nextReviewDue,
  startEnding,
} from './benefit-review.js';

/** Every step runs in a transaction and locks the row, so two decisions at once cannot both pass. */
async function loadBenefit(em: EntityManager, id: string, version?: number): Promise<Benefit> {
  const benefit = await em.findOne(
    Benefit,
    { id: assertId('input.benefitId', id) },
    { lockMode: LockMode.PESSIMISTIC_WRITE },
  );
  if (!benefit) throw notFound('Benefit', id);
  assertVersion(benefit, version, 'Benefit');
  return benefit;
}

function assertStatus(benefit: Benefit, step: string, ...allowed: BenefitStatus[]) {
  if (!allowed.includes(benefit.status)) {
    throw invalidState(`A benefit that is ${benefit.status} cannot be ${step} (it must be ${allowed.join(' or ')})`, {
      status: benefit.status,
    });
  }
}

/**
 * Separation of duties (临社救办发〔2015〕3号 二(一): 谁办理谁签字, 层层把关): the person who proposed a benefit never
 * decides on it, whether as themselves, through an app they registered or any other identity they answer for.
 * Rows proposed before actors were recorded compare the proposing identity.
 */
export function assertNotProposer(principal: Principal, benefit: Benefit, what = 'decide on it') {
  const actor = actorOf(principal);
  const proposer = benefit.proposedByActorId ?? benefit.proposedById;
  const sameIdentity = principal.id !== null && principal.id === benefit.proposedById;
  if (sameIdentity || (actor !== null && actor === proposer)) {
    throw forbidden(`The person who proposed a benefit cannot ${what}, under any identity they answer for`, {
      rule: 'SEPARATION_OF_DUTIES',
    });
  }
}

/**
 * Who decides: a holder of benefits:approve over the household's hukou place, at the level the programme
 * delegates this amount to or above it (a county may decide what it delegated to townships), and never
 * the person who proposed it (临社救办发〔2015〕3号 二(一): 谁办理谁签字, 层层把关).
 */
function assertMayDecide(principal: Principal, benefit: Benefit, what = 'decide on it') {
  assertHukouPlaceDecides(principal, 'benefits:approve', benefit.jurisdictionCode, 'decide on relief for it');
  assertNotProposer(principal, benefit, what);
  if (principal.jurisdictionCode) {
    const callerLevel = JURISDICTION_LEVELS.indexOf(levelOfCode(principal.jurisdictionCode));
    if (callerLevel > JURISDICTION_LEVELS.indexOf(benefit.approvalLevel)) {
      throw forbidden(`This amount is approved at ${benefit.approvalLevel} level or above`, {
        approvalLevel: benefit.approvalLevel,
      });
    }
  }
}

export interface DecisionValues {
  benefitId: string;
  version: number;
  decidedOn?: string | null;
  note?: string | null;
  collectiveReviewOn?: string | null;
  collectiveReviewReference?: string | null;
}

/** PROPOSED → APPROVED, or IN_NOTICE until the public notice ends where the programme sets one. */
/**
 * The filing check (备案) of an approval, asked before the transaction opens and only of a caller who may decide on
 * a PROPOSED benefit: nobody else makes programmes ask households and organisations anything.
 */
export async function approvalFiling(
  em: EntityManager,
  principal: Principal,
  benefitId: string,
  filing: RelativeFiling,
) {
  // Read without a lock (no transaction is open yet); approveBenefit locks it and checks again.
  const benefit = await em.findOne(Benefit, { id: assertId('input.benefitId', benefitId) });
  if (!benefit) throw notFound('Benefit', benefitId);
  assertStatus(benefit, 'approved', BenefitStatus.PROPOSED);
  assertMayDecide(principal, benefit);
  return filingOfStep(filing, benefit.householdId, principal, '审批');
}

/** Approves a proposal; `filing` is what the filing check (备案) found of the approver, asked before the transaction. */
export async function approveBenefit(
  em: EntityManager,
  principal: Principal,
  input: DecisionValues,
  filing: string | null = null,
) {
  const benefit = await loadBenefit(em, input.benefitId, input.version);
  assertStatus(benefit, 'approved', BenefitStatus.PROPOSED);
  assertMayDecide(principal, benefit);
  const decidedOn = pastDate('input.decidedOn', input.decidedOn, benefit.grantedOn);
  if (benefit.collectiveReviewRequired) {
    if (!input.collectiveReviewOn || !input.collectiveReviewReference?.trim()) {
      throw badInput(
        'input.collectiveReviewOn',
        'This amount needs a collective review (集体研究): give its date and minutes',
      );
    }
    benefit.collectiveReviewOn = pastDate('input.collectiveReviewOn', input.collectiveReviewOn, benefit.grantedOn);
    if (benefit.collectiveReviewOn > decidedOn) {
      throw badInput('input.collectiveReviewOn', 'The collective review comes before the approval');
    }
    benefit.collectiveReviewReference = requiredText(
      'input.collectiveReviewReference',
      input.collectiveReviewReference,
      200,
      'A reference',
    );
  }
  const noticeDays = benefit.settings.publicNoticeDays ?? 0;
  benefit.status = noticeDays > 0 ? BenefitStatus.IN_NOTICE : BenefitStatus.APPROVED;
  benefit.noticeEndsOn = noticeDays > 0 ? addCalendarDays(decidedOn, noticeDays - 1) : null;
  Object.assign(benefit, { decidedById: principal.id, decidedOn, decisionNote: input.note?.trim() || null });
  Object.assign(benefit, filedAs(benefit, filing));
  return benefit;
}

export async function rejectBenefit(em: EntityManager, principal: Principal, input: DecisionValues) {
  const benefit = await loadBenefit(em, input.benefitId, input.version);
  assertStatus(benefit, 'rejected', BenefitStatus.PROPOSED);
  assertMayDecide(principal, benefit);
  const decisionNote = requiredText('input.note', input.note, 500, 'A reason for the family');
  Object.assign(benefit, {
    status: BenefitStatus.REJECTED,
    decidedById: principal.id,
    decidedOn: pastDate('input.decidedOn', input.decidedOn, benefit.grantedOn),
    decisionNote,
  });
  return benefit;
}

/** APPROVED → ACTIVE; after public notice only once it has ended with every objection resolved. */
export async function activateBenefit(
  em: EntityManager,
  principal: Principal,
  input: { benefitId: string; version: number; activeFrom?: string | null },
) {
  const benefit = await loadBenefit(em, input.benefitId, input.version);
  assertStatus(benefit, 'activated', BenefitStatus.APPROVED, BenefitStatus.IN_NOTICE);
  requirePermission(principal, 'benefits:approve', benefit.jurisdictionCode);
  const activeFrom = input.activeFrom ?? shanghaiDate();
  assertDate('input.activeFrom', activeFrom);
  if (activeFrom < benefit.decidedOn!)
    throw badInput('input.activeFrom', `activeFrom cannot be before ${benefit.decidedOn}`);
  if (benefit.status === BenefitStatus.IN_NOTICE) {
    if (activeFrom <= benefit.noticeEndsOn!) {
      throw invalidState(`The public notice runs until ${benefit.noticeEndsOn}; activate it after that`, {
        noticeEndsOn: benefit.noticeEndsOn,
      });
    }
    if (await em.count(BenefitObjection, { benefitId: benefit.id, upheld: null })) {
      throw invalidState('An objection raised during the public notice is still open; resolve it first');
    }
  }
  // 临社救办发〔2015〕3号 二(一)(二) 动态管理: the first periodic review falls one cycle after payment starts.
  Object.assign(benefit, {
    status: BenefitStatus.ACTIVE,
    activeFrom,
    reviewDueOn: nextReviewDue(benefit.settings, activeFrom),
  });
  return benefit;
}

/**
 * Ends a benefit in payment. A dibao or tekun benefit whose household no longer qualifies does not end at once: its
 * ending goes under public notice first (临社救办发〔2015〕3号 二(二)1: 终止供养并予以公示), recorded as a review that ENDs it,
 * objections are received during the notice, and it ENDS when the notice closes without an upheld one (closeEndingNotice,
 * or the hourly sweep). Every other ending — another cause, or another kind of relief — takes effect on `endedOn`.
 */
export async function endBenefit(
  em: EntityManager,
  principal: Principal,
  input: {
    benefitId: string;
    version: number;
    endedOn?: string | null;
    reason: string;
    cause?: BenefitEndCause | null;
  },
) {
  const benefit = await loadBenefit(em, input.benefitId, input.version);
  assertStatus(benefit, 'ended', BenefitStatus.ACTIVE);
  requirePermission(principal, 'benefits:approve', benefit.jurisdictionCode);
  const cause = input.cause ?? BenefitEndCause.NO_LONGER_QUALIFIES;
  if (!Object.values(BenefitEndCause).includes(cause)) throw badInput('input.cause', 'Unknown cause');
  const reason = requiredText('input.reason', input.reason, 500, 'A reason');
  if (benefit.endingNoticeEndsOn !== null) {
    throw invalidState(`Its ending is already under public notice until ${benefit.endingNoticeEndsOn}`, {
      endingNoticeEndsOn: benefit.endingNoticeEndsOn,
    });
  }
  const programme = await em.findOneOrFail(Programme, { id: benefit.programmeId });
  if (cause === BenefitEndCause.NO_LONGER_QUALIFIES && ENDING_NOTICE_KINDS.includes(programme.kind)) {
    const startsOn = pastDate('input.endedOn', input.endedOn, benefit.activeFrom);
    const review = Object.assign(new BenefitReview(), {
      benefitId: benefit.id,
      outcome: ReviewOutcome.END,
      reason,
      reviewedOn: startsOn,
      reviewedById: principal.id,
      flagReason: benefit.reviewFlagReason,
      flagSource: benefit.reviewFlagSource,
    });
    review.noticeEndsOn = startEnding(benefit, startsOn, reason);
    em.persist(review);
    return benefit;
  }
  const endedOn = input.endedOn ?? shanghaiDate();
  assertDate('input.endedOn', endedOn);
  if (endedOn < benefit.activeFrom!) throw badInput('input.endedOn', `endedOn cannot be before ${benefit.activeFrom}`);
  Object.assign(benefit, { status: BenefitStatus.ENDED, endedOn, endReason: reason, endCause: cause });
  return benefit;
}

/** An objection is recorded only while the benefit is under public notice. */
export async function objectToBenefit(
  em: EntityManager,
  principal: Principal,
  input: { benefitId: string; receivedOn: string; objection: string },
) {
  const benefit = await loadBenefit(em, input.benefitId);
  requirePermission(principal, 'benefits:propose', benefit.jurisdictionCode);
  // 临社救办发〔2015〕3号 二(二): the ending decided on review is under notice too, and objections are received.
  const ending = benefit.status === BenefitStatus.ACTIVE && benefit.endingNoticeEndsOn !== null;
  if (!ending) assertStatus(benefit, 'objected to', BenefitStatus.IN_NOTICE);
  assertDate('input.receivedOn', input.receivedOn);
  const [from, to] = ending
    ? [benefit.endingNoticeStartsOn!, benefit.endingNoticeEndsOn!]
    : [benefit.decidedOn!, benefit.noticeEndsOn!];
  if (input.receivedOn < from || input.receivedOn > to) {
    throw badInput('input.receivedOn', `Objections are received during the notice, ${from} to ${to}`);
  }
  const objection = Object.assign(new BenefitObjection(), {
    benefitId: benefit.id,
    receivedOn: input.receivedOn,
    objection: requiredText('input.objection', input.objection, 2000, 'The objection'),
    recordedById: principal.id,
  });
  em.persist(objection);
  // The benefit stays under notice: no step to announce.
  return { objection, benefit, changed: false };
}

/** Upholding an objection rejects the benefit; dismissing it lets the benefit go on. */
export async function resolveObjection(
  em: EntityManager,
  principal: Principal,
  input: { objectionId: string; upheld: boolean; resolution: string; resolvedOn?: string | null },
) {
  const objection = await em.findOne(BenefitObjection, { id: assertId('input.objectionId', input.objectionId) });
  if (!objection) throw notFound('BenefitObjection', input.objectionId);
  if (objection.upheld !== null) throw invalidState('This objection is already resolved');
  const benefit = await loadBenefit(em, objection.benefitId);
  const ending = benefit.status === BenefitStatus.ACTIVE && benefit.endingNoticeEndsOn !== null;
  if (!ending) assertStatus(benefit, 'reconsidered', BenefitStatus.IN_NOTICE);
  // An objection to one's own proposal is resolved by someone else (the same two-person rule as the approval).
  assertMayDecide(principal, benefit, 'resolve an objection to it');
  Object.assign(objection, {
    upheld: input.upheld,
    resolution: requiredText('input.resolution', input.resolution, 2000, 'A resolution'),
    resolvedOn: pastDate('input.resolvedOn', input.resolvedOn, objection.receivedOn),
  });
  if (input.upheld && ending) {
    // An upheld objection to an ending cancels it: the family keeps the relief (no step of the ledger to announce).
    cancelEnding(benefit, objection.resolvedOn!);
    return { objection, benefit, changed: false };
  }
  if (input.upheld) {
    Object.assign(benefit, {
      status: BenefitStatus.REJECTED,
      decisionNote: `Objection upheld: ${objection.resolution}`,
    });
  }
  return { objection, benefit, changed: input.upheld };
}
