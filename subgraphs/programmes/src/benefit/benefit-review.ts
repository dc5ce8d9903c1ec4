import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import {
  addCalendarDays,
  addCalendarMonths,
  assertId,
  assertVersion,
  badInput,
  assertNotAtVillage,
  can,
  createOnce,
  forbidden,
  invalidState,
  notFound,
  parseYuan,
  pastDate,
  publishEvent,
  requirePermission,
  requiredText,
  shanghaiDate,
  type Permission,
  type Principal,
} from '@doudi/shared';
import { Benefit } from './benefit.entity.js';
import { BenefitEndCause, BenefitStatus } from './benefit-status.js';
import { ProgrammeKind } from '../programme/programme-kind.js';
import { ReviewFlagSource, ReviewOutcome } from './benefit-review-status.js';
import { BenefitReview } from './benefit-review.entity.js';
import { BenefitObjection } from './objection.entity.js';
import { announceBenefit } from './benefit.announce.js';
import { auditStep, auditSweepStep } from './benefit.audit.js';
import type { ProgrammeSettings } from '../version/programme-settings.js';
import { applyAmountChange, assertPeriod } from '../payment/payment.service.js';
import { nextPeriod } from '../payment/payment.schedule.js';

export interface ReviewFlagRequest {
  householdId: string;
  programmeId: string;
  /** Why the household no longer meets the rule, in words an approver reads (e.g. the clause and the facts). */
  reason: string;
}

/**
 * 临社救办发〔2015〕3号 二(二) (动态管理): flags the ACTIVE benefits of these households under these programmes for review,
 * with the reason. Called by screening when facts or standards change and a household no longer meets the rule.
 * Idempotent: a benefit already flagged with the same reason is left alone; one flagged with another reason takes the
 * new reason but keeps when it was first flagged. Answers how many benefits were newly flagged. One statement, in the
 * caller's transaction when `em` is one.
 */
export async function flagBenefitsForReview(
  em: EntityManager,
  flags: ReviewFlagRequest[],
  source: ReviewFlagSource = ReviewFlagSource.SCREENING,
): Promise<number> {
  const byPair = new Map<string, ReviewFlagRequest>();
  for (const flag of flags) {
    const reason = flag.reason.trim().slice(0, 2000);
    if (!reason) throw new Error('flagBenefitsForReview: a flag needs a reason');
    const key = `${flag.householdId}:${flag.programmeId}`;
    if (!byPair.has(key)) byPair.set(key, { ...flag, reason });
  }
  if (byPair.size === 0) return 0;
  const pairs = [...byPair.values()];
  const rows: { fresh: boolean }[] = await em.getConnection().execute(
    `with wanted (household_id, programme_id, reason) as (
       select * from jsonb_to_recordset(?::jsonb) as w(household_id uuid, programme_id uuid, reason text)
     ), target as (
       select b.id, w.reason, b.review_flag_reason is null as fresh
         from benefit b
         join wanted w on w.household_id = b.household_id and w.programme_id = b.programme_id
        where b.status = ? and b.review_flag_reason is distinct from w.reason
          for update of b
     )
     update benefit b
        set review_flag_reason = t.reason,
            review_flagged_at = case when t.fresh then now() else b.review_flagged_at end,
            review_flag_source = case when t.fresh then ? else b.review_flag_source end,
            version = b.version + 1,
            updated_at = now()
       from target t
      where b.id = t.id
  returning t.fresh as fresh`,
    [
      JSON.stringify(
        pairs.map((p) => ({ household_id: p.householdId, programme_id: p.programmeId, reason: p.reason })),
      ),
      BenefitStatus.ACTIVE,
      source,
    ],
    'all',
    em.getTransactionContext(),
  );
  return rows.filter((row) => row.fresh).length;
}

/** The next periodic review of a benefit in payment from `from`, as its programme's review cycle sets (null: none). */
export function nextReviewDue(settings: ProgrammeSettings, from: string): string | null {
  const months = settings.reviewCycleMonths ?? 0;
  return months > 0 ? addCalendarMonths(from, months) : null;
}

/** How many benefits one run of the periodic sweep flags at most; the next run takes the rest. */
export const REVIEW_SWEEP_BATCH = 500;

/**
 * 临社救办发〔2015〕3号 二(一)(二) (动态管理): flags every ACTIVE benefit whose review date has come (PERIODIC) and
 * publishes `benefit.review.due` for each, so the approving township's civil-affairs office is reminded
 * (organisations/src/notification). One transaction per batch; the flag and the reminder commit together.
 * Also ends the benefits whose notice of ending closed with no objection open or upheld. Answers what it did.
 */
export async function sweepBenefitReviews(em: EntityManager, today: string = shanghaiDate()) {
  const flagged = await em.transactional(async (tx) => {
    const due = await tx.find(
      Benefit,
      { status: BenefitStatus.ACTIVE, reviewFlagReason: null, reviewDueOn: { $lte: today } },
      { orderBy: { reviewDueOn: 'asc', id: 'asc' }, limit: REVIEW_SWEEP_BATCH, lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    const flaggedAt = new Date();
    for (const benefit of due) {
      Object.assign(benefit, {
        reviewFlagReason: `Periodic review due on ${benefit.reviewDueOn} (every ${benefit.settings.reviewCycleMonths ?? '?'} months, 临社救办发〔2015〕3号 二(一)(二) 动态管理)`,
        reviewFlaggedAt: flaggedAt,
        reviewFlagSource: ReviewFlagSource.PERIODIC,
      });
      publishEvent(tx, {
        type: 'benefit.review.due',
        aggregateId: benefit.id,
        payload: {
          benefitId: benefit.id,
          programmeId: benefit.programmeId,
          householdId: benefit.householdId,
          jurisdictionCode: benefit.jurisdictionCode,
          dueDate: benefit.reviewDueOn,
          reason: benefit.reviewFlagReason,
        },
      });
    }
    return due.length;
  });
  const ended = await closeDueEndingNotices(em, today);
  return { flagged, ended };
}

/** Ends the benefits whose notice of ending is over (before `today`) with no objection open: announced as ended. */
async function closeDueEndingNotices(em: EntityManager, today: string): Promise<number> {
  return em.transactional(async (tx) => {
    const closing = await tx.find(
      Benefit,
      { status: BenefitStatus.ACTIVE, endingNoticeEndsOn: { $lt: today } },
      { limit: REVIEW_SWEEP_BATCH, lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    let ended = 0;
    for (const benefit of closing) {
      if (await openObjections(tx, benefit)) continue;
      finishEnding(benefit, addCalendarDays(benefit.endingNoticeEndsOn!, 1));
      await announceBenefit(tx, benefit);
      // 周政办字〔2017〕70号 六(三): the ending is a decision of the ledger whoever takes it.
      await auditSweepStep(tx, 'BENEFIT_ENDED', benefit);
      ended++;
    }
    return ended;
  });
}

const openObjections = (em: EntityManager, benefit: Benefit) =>
  em.count(BenefitObjection, {
    benefitId: benefit.id,
    upheld: null,
    receivedOn: { $gte: benefit.endingNoticeStartsOn! },
  });

function finishEnding(benefit: Benefit, endedOn: string) {
  Object.assign(benefit, {
    status: BenefitStatus.ENDED,
    endedOn,
    endReason: benefit.endingReason,
    endingNoticeEndsOn: null,
    reviewFlagReason: null,
    reviewFlaggedAt: null,
    reviewFlagSource: null,
    reviewDueOn: null,
  });
}

async function loadForReview(em: EntityManager, id: string, version?: number | null): Promise<Benefit> {
  const benefit = await em.findOne(
    Benefit,
    { id: assertId('input.benefitId', id) },
    { lockMode: LockMode.PESSIMISTIC_WRITE },
  );
  if (!benefit) throw notFound('Benefit', id);
  assertVersion(benefit, version, 'Benefit');
  return benefit;
}

/**
 * The hukou place decides (河鱼府发【2021】39号 二(二): 居住地负责主动发现, 户籍地落实救助办理和动态监管): a review is
 * decided by an approver over the household's hukou place, never by the place the family only lives in.
 */
function assertMayReview(principal: Principal, benefit: Benefit) {
  assertHukouPlaceDecides(principal, 'benefits:approve', benefit.jurisdictionCode, 'review or end relief');
}

/**
 * FORBIDDEN with the reason when the caller holds `permission` but not over the hukou place `hukouCode`: a relocated
 * family (居住地和户籍地分离, 河鱼府发【2021】39号 二(二)) is found where it lives but decided where it is registered.
 */
export function assertHukouPlaceDecides(principal: Principal, permission: Permission, hukouCode: string, what: string) {
  // Villages discover, townships decide (河鱼府发【2021】39号 二(一)(二)): no village-level account proposes or decides.
  assertNotAtVillage(principal, what);
  if (can(principal, permission) && !can(principal, permission, hukouCode)) {
    throw forbidden(
      `The family's hukou is in ${hukouCode}, outside your jurisdiction: the place of residence discovers and the ` +
        `hukou place decides (河鱼府发【2021】39号 二(二)), so only ${hukouCode} may ${what}; refer the lead there`,
      { permission, jurisdictionCode: hukouCode, rule: '河鱼府发【2021】39号 二(二)' },
    );
  }
  requirePermission(principal, permission, hukouCode);
}

export interface ReviewBenefitValues {
  benefitId: string;
  version?: number | null;
  outcome: ReviewOutcome;
  reason: string;
  reviewedOn?: string | null;
  newAmount?: string | null;
  newAmountFrom?: string | null;
  idempotencyKey?: string | null;
}

/** The days a notice of ending runs: the programme's public notice, or 7 days where it sets none. */
export const DEFAULT_ENDING_NOTICE_DAYS = 7;

/** ADJUST's new monthly amount and its first month (the month after the review by default); null for no change. */
function newAmountOf(input: ReviewBenefitValues, reviewedOn: string) {
  if (input.newAmount === undefined || input.newAmount === null || input.newAmount === '') {
    if (input.newAmountFrom) throw badInput('input.newAmount', 'newAmountFrom goes with newAmount');
    return null;
  }
  if (input.outcome !== ReviewOutcome.ADJUST) {
    throw badInput('input.newAmount', 'Only an ADJUST review changes the amount');
  }
  const fromPeriod = input.newAmountFrom
    ? assertPeriod('input.newAmountFrom', input.newAmountFrom)
    : nextPeriod(reviewedOn.slice(0, 7));
  return { fromPeriod, amountFen: parseYuan('input.newAmount', input.newAmount) };
}

/**
 * Decides a review (临社救办发〔2015〕3号 二(一)(二): 动态管理): CONTINUE and ADJUST answer a flag (INVALID_STATE on an
 * unflagged benefit), clear it and set the next review date; END starts the public notice of the ending (公示, 二(二):
 * 终止供养并予以公示) — the benefit stays ACTIVE until the notice closes without an upheld objection. Only an ACTIVE
 * benefit with no ending under notice is reviewed. A retry with the same idempotencyKey answers the same review.
 */
export async function reviewBenefit(
  em: EntityManager,
  principal: Principal,
  input: ReviewBenefitValues,
): Promise<{ review: BenefitReview; benefit: Benefit }> {
  const benefitId = assertId('input.benefitId', input.benefitId);
  if (!Object.values(ReviewOutcome).includes(input.outcome)) throw badInput('input.outcome', 'Unknown outcome');
  const reason = requiredText('input.reason', input.reason, 2000, 'A reason');
  const reviewedOn = pastDate('input.reviewedOn', input.reviewedOn);
  const newAmount = newAmountOf(input, reviewedOn);
  const { idempotencyKey, ...sent } = input;
  const review = await createOnce(
    em,
    'reviewBenefit',
    idempotencyKey,
    sent,
    async (tx) => {
      const benefit = await loadForReview(tx, benefitId, input.version);
      assertMayReview(principal, benefit);
      if (benefit.status !== BenefitStatus.ACTIVE) {
        throw invalidState(`Only an ACTIVE benefit is reviewed; this one is ${benefit.status}`, {
          status: benefit.status,
        });
      }
      if (benefit.endingNoticeEndsOn !== null) {
        throw invalidState(`Its ending is under public notice until ${benefit.endingNoticeEndsOn}`, {
          endingNoticeEndsOn: benefit.endingNoticeEndsOn,
        });
      }
      if (input.outcome !== ReviewOutcome.END && benefit.reviewFlagReason === null) {
        throw invalidState('This benefit is not flagged for review: there is nothing to continue or adjust', {
          field: 'input.outcome',
        });
      }
      if (reviewedOn < benefit.activeFrom!) {
        throw badInput('input.reviewedOn', `reviewedOn cannot be before ${benefit.activeFrom}`);
      }
      const made = Object.assign(new BenefitReview(), {
        benefitId: benefit.id,
        outcome: input.outcome,
        reason,
        reviewedOn,
        reviewedById: principal.id,
        flagReason: benefit.reviewFlagReason,
        flagSource: benefit.reviewFlagSource,
      });
      if (input.outcome === ReviewOutcome.END) {
        made.noticeEndsOn = startEnding(benefit, reviewedOn, reason);
      } else {
        if (newAmount) await applyAmountChange(tx, principal, benefit, { ...newAmount, reason }, 'input.newAmount');
        made.nextReviewDueOn = nextReviewDue(benefit.settings, reviewedOn);
        Object.assign(benefit, {
          reviewDueOn: made.nextReviewDueOn,
          reviewFlagReason: null,
          reviewFlaggedAt: null,
          reviewFlagSource: null,
        });
      }
      tx.persist(made);
      // 周政办字〔2017〕70号 六(三): a review is a decision on relief in payment, audited like the approval it revisits.
      const action = input.outcome === ReviewOutcome.END ? 'BENEFIT_ENDING_NOTICE' : 'BENEFIT_REVIEWED';
      await auditStep(tx, principal, action, benefit, { outcome: input.outcome, reviewId: made.id });
      return made;
    },
    (fresh, id) => fresh.findOneOrFail(BenefitReview, { id }),
  );
  return { review, benefit: await em.findOneOrFail(Benefit, { id: review.benefitId }, { refresh: true }) };
}

/** The kinds whose ending goes under public notice (临社救办发〔2015〕3号 二(二)1: 终止供养并予以公示; 二(一) for 低保). */
export const ENDING_NOTICE_KINDS: readonly ProgrammeKind[] = [ProgrammeKind.DIBAO, ProgrammeKind.TEKUN];

/**
 * Starts the public notice of a benefit's ending (临社救办发〔2015〕3号 二(二)1): it stays ACTIVE (and paid) while the
 * notice runs — the programme's public notice days, or DEFAULT_ENDING_NOTICE_DAYS — and ends when it closes without an
 * upheld objection (closeEndingNotice, or the hourly sweep). Answers the notice's last day.
 */
export function startEnding(benefit: Benefit, startsOn: string, reason: string): string {
  const days = (benefit.settings.publicNoticeDays ?? 0) || DEFAULT_ENDING_NOTICE_DAYS;
  const endsOn = addCalendarDays(startsOn, days - 1);
  Object.assign(benefit, {
    endingNoticeStartsOn: startsOn,
    endingNoticeEndsOn: endsOn,
    endingReason: reason,
    endCause: BenefitEndCause.NO_LONGER_QUALIFIES,
  });
  return endsOn;
}

/**
 * Closes the public notice of an ending decided on review: after its last day, with every objection received during
 * it resolved, the benefit ENDS (临社救办发〔2015〕3号 二(二): 终止供养并予以公示). An upheld objection already cancelled the
 * ending (resolveObjection). INVALID_STATE when there is no ending under notice, or it has not run its course.
 */
export async function closeEndingNotice(
  em: EntityManager,
  principal: Principal,
  input: { benefitId: string; version?: number | null; closedOn?: string | null },
): Promise<Benefit> {
  const benefit = await loadForReview(em, input.benefitId, input.version);
  assertMayReview(principal, benefit);
  if (benefit.status !== BenefitStatus.ACTIVE || benefit.endingNoticeEndsOn === null) {
    throw invalidState('This benefit has no ending under public notice', { status: benefit.status });
  }
  const closedOn = pastDate('input.closedOn', input.closedOn);
  if (closedOn <= benefit.endingNoticeEndsOn) {
    throw invalidState(`The notice of the ending runs until ${benefit.endingNoticeEndsOn}; close it after that`, {
      field: 'input.closedOn',
      endingNoticeEndsOn: benefit.endingNoticeEndsOn,
    });
  }
  if (await openObjections(em, benefit)) {
    throw invalidState('An objection to the ending is still open; resolve it first');
  }
  finishEnding(benefit, closedOn);
  return benefit;
}

/**
 * An objection to an ending under notice that is upheld cancels the ending: the benefit goes on, its flag cleared
 * and its next review date set from the day the objection was resolved.
 */
export function cancelEnding(benefit: Benefit, resolvedOn: string) {
  Object.assign(benefit, {
    endingNoticeStartsOn: null,
    endingNoticeEndsOn: null,
    endingReason: null,
    endCause: null,
    reviewFlagReason: null,
    reviewFlaggedAt: null,
    reviewFlagSource: null,
    reviewDueOn: nextReviewDue(benefit.settings, resolvedOn),
  });
}
