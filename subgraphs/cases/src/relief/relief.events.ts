import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { assertId, parseYuan, type DeliveredEvent, type EventHandler, type EventHandlers } from '@doudi/shared';
import { CaseRelief, ReliefStatus } from './case-relief.entity.js';

/** What the programmes subgraph puts in every benefit.* event. */
interface BenefitPayload {
  benefitId: string;
  programmeId: string;
  programmeName: string;
  caseId: string | null;
  amount: string;
  occurredAt?: string;
}

/**
 * How far along a status is. Events may arrive late or twice, so a row only ever moves forward: ACTIVE beats
 * APPROVED, and ENDED and REJECTED are final.
 */
const STAGE: Record<ReliefStatus, number> = {
  [ReliefStatus.APPROVED]: 1,
  [ReliefStatus.ACTIVE]: 2,
  [ReliefStatus.ENDED]: 3,
  [ReliefStatus.REJECTED]: 3,
};
const FINAL = 3;

function moves(current: CaseRelief, status: ReliefStatus, occurredAt: Date): boolean {
  if (STAGE[current.status] === FINAL) return false;
  if (STAGE[status] !== STAGE[current.status]) return STAGE[status] > STAGE[current.status];
  // The same stage told again: only a newer telling (e.g. a corrected amount) replaces it.
  return occurredAt > current.updatedAt;
}

async function project(em: EntityManager, event: DeliveredEvent, status: ReliefStatus): Promise<void> {
  const payload = event.payload as unknown as BenefitPayload;
  // Relief granted outside any case has nowhere to show in this subgraph.
  if (!payload.caseId) return;
  const benefitId = assertId('payload.benefitId', payload.benefitId);
  const occurredAt = new Date(payload.occurredAt ?? event.occurredAt);
  if (Number.isNaN(occurredAt.getTime())) throw new Error(`event ${event.eventId}: occurredAt is not an instant`);

  // Locked: two events about one benefit, delivered at once, apply one after the other.
  const current = await em.findOne(CaseRelief, { benefitId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (current && !moves(current, status, occurredAt)) return;
  em.persist(
    Object.assign(current ?? new CaseRelief(), {
      benefitId,
      caseId: assertId('payload.caseId', payload.caseId),
      programmeId: assertId('payload.programmeId', payload.programmeId),
      programmeName: String(payload.programmeName ?? ''),
      amountFen: parseYuan('payload.amount', payload.amount),
      status,
      lastEventId: event.eventId,
      updatedAt: occurredAt,
    }),
  );
}

const projectAs =
  (status: ReliefStatus): EventHandler =>
  (em, event) =>
    project(em, event, status);

export const reliefEventHandlers: EventHandlers = {
  'benefit.approved': projectAs(ReliefStatus.APPROVED),
  'benefit.activated': projectAs(ReliefStatus.ACTIVE),
  'benefit.ended': projectAs(ReliefStatus.ENDED),
  'benefit.rejected': projectAs(ReliefStatus.REJECTED),
};
