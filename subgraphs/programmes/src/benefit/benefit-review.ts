import type { EntityManager } from '@mikro-orm/postgresql';
import { BenefitStatus } from './benefit-status.js';
import { ReviewFlagSource } from './benefit-review-status.js';

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
       select * from unnest(?::uuid[], ?::uuid[], ?::text[])
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
      pairs.map((p) => p.householdId),
      pairs.map((p) => p.programmeId),
      pairs.map((p) => p.reason),
      BenefitStatus.ACTIVE,
      source,
    ],
    'all',
    em.getTransactionContext(),
  );
  return rows.filter((row) => row.fresh).length;
}
