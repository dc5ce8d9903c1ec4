import type { EntityManager } from '@mikro-orm/postgresql';
import { formatYuan, publishEvent, type EventType } from '@doudi/shared';
import type { Benefit } from './benefit.entity.js';
import { BenefitStatus } from './benefit-status.js';
import { Programme } from '../programme/programme.entity.js';
import { paymentsFollow } from '../payment/payment.schedule.js';

const EVENT_OF: Partial<Record<BenefitStatus, EventType>> = {
  [BenefitStatus.APPROVED]: 'benefit.approved',
  [BenefitStatus.IN_NOTICE]: 'benefit.approved',
  [BenefitStatus.REJECTED]: 'benefit.rejected',
  [BenefitStatus.ACTIVE]: 'benefit.activated',
  [BenefitStatus.ENDED]: 'benefit.ended',
};

const DECISION_OF: Partial<Record<EventType, string>> = {
  'benefit.approved': 'APPROVED',
  'benefit.rejected': 'REJECTED',
  'benefit.activated': 'ACTIVATED',
  'benefit.ended': 'ENDED',
};

/**
 * Tells the other subgraphs (cases) what became of a benefit, in the transaction that changed it, and keeps its
 * payments on the roll in step (资金发放: written when it becomes active, the months after its end taken off).
 */
export async function announceBenefit(tx: EntityManager, benefit: Benefit): Promise<void> {
  const type = EVENT_OF[benefit.status];
  if (!type) return;
  await paymentsFollow(tx, benefit);
  const programme = await tx.findOneOrFail(Programme, { id: benefit.programmeId });
  publishEvent(tx, {
    type,
    aggregateId: benefit.id,
    payload: {
      benefitId: benefit.id,
      programmeId: benefit.programmeId,
      programmeName: programme.name,
      programmeKind: programme.kind,
      caseId: benefit.caseId,
      referralId: benefit.referralId,
      householdId: benefit.householdId,
      personId: benefit.personId,
      amount: formatYuan(benefit.amountFen),
      status: benefit.status,
      occurredAt: new Date().toISOString(),
    },
  });
  // Organisations tells the apps of who proposed and who decided it by webhook (issue 19): ids and codes only.
  publishEvent(tx, {
    type: 'benefit.decided',
    aggregateId: benefit.id,
    payload: {
      benefitId: benefit.id,
      programmeId: benefit.programmeId,
      programmeKind: programme.kind,
      caseId: benefit.caseId,
      referralId: benefit.referralId,
      householdId: benefit.householdId,
      jurisdictionCode: benefit.jurisdictionCode,
      status: benefit.status,
      decision: DECISION_OF[type],
      proposedById: benefit.proposedById,
      decidedById: benefit.decidedById,
    },
  });
}
