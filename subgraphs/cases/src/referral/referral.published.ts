import type { EntityManager } from '@mikro-orm/postgresql';
import { publishEvent } from '@doudi/shared';
import type { Referral } from './referral.entity.js';
import type { ReferralStatus } from './referral.enums.js';

type ReferralEventType = 'referral.sent' | 'referral.answered' | 'referral.declined' | 'referral.forwarded';

/**
 * Tells organisations of a referral's step, in the step's transaction, so the apps of its sender and receiver hear
 * of it by webhook (issue 19; shared/src/events/subscriptions.ts). Ids, statuses, dates and codes only: never the
 * note, the measures' text, a refusal's reason or anything about the family.
 */
export function publishReferralStep(
  tx: EntityManager,
  type: ReferralEventType,
  referral: Referral,
  previousStatus: ReferralStatus | null,
  extra: Record<string, unknown> = {},
) {
  const step: Record<string, unknown> = {};
  if (type === 'referral.answered')
    Object.assign(step, {
      answeredOn: referral.answeredOn,
      measuresCount: referral.measuresTaken.length,
      refused: !!referral.refusalReason,
      benefitIds: referral.benefitIds,
    });
  if (type === 'referral.declined')
    Object.assign(step, { declinedOn: referral.declinedOn, declineReason: referral.declineReason });
  if (type === 'referral.forwarded')
    Object.assign(step, { forwardedOn: referral.forwardedOn, forwardedToReferralId: referral.forwardedToId });
  publishEvent(tx, {
    type,
    aggregateId: referral.id,
    payload: {
      referralId: referral.id,
      caseId: referral.caseId,
      fromOrganisationId: referral.fromOrganisationId,
      toOrganisationId: referral.toOrganisationId,
      kind: referral.kind,
      previousStatus,
      status: referral.status,
      emergency: referral.emergency,
      sentOn: referral.sentOn,
      dueDate: referral.dueDate,
      forwardedFromReferralId: referral.forwardedFromId,
      ...step,
      ...extra,
    },
  });
}
