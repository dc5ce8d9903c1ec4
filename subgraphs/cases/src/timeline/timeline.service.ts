import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '@doudi/shared';
import { CaseEvent } from './case-event.entity.js';

export interface StepRecord {
  caseId: string;
  kind: string;
  /** The day the step happened, as the caller stated it. */
  on: string | null;
  summary: string;
  referralId?: string | null;
  /** The document the step made (a letter generated, a material attached). */
  documentId?: string | null;
}

/** Appends one entry to the case's timeline, in the transaction of the step it records. */
export function recordEvent(tx: EntityManager, principal: Principal, step: StepRecord): CaseEvent {
  const event = Object.assign(new CaseEvent(), {
    caseId: step.caseId,
    kind: step.kind,
    on: step.on,
    summary: step.summary,
    referralId: step.referralId ?? null,
    documentId: step.documentId ?? null,
    actorId: principal.id,
    actorOrganisationId: principal.organisationId,
  });
  tx.persist(event);
  return event;
}
