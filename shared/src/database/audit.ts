import type { EntityManager } from '@mikro-orm/postgresql';
import type { SubgraphName } from '../config.js';
import type { Principal } from '../auth/principal.js';
import { auditSchema } from './provision.js';

export interface AuditEvent {
  action: string;
  entityType: string;
  entityId: string;
  purpose?: string | null;
  detail?: Record<string, unknown>;
}

/**
 * Who took an audited step: a caller, or the system itself (a sweep acting on its own), recorded as the SYSTEM of
 * the jurisdiction it acted in so that the auditors of that place read it (the log is read by jurisdiction).
 */
export type AuditActor =
  | Pick<Principal, 'kind' | 'id' | 'organisationId' | 'jurisdictionCode'>
  | { kind: 'SYSTEM'; id: null; organisationId: null; jurisdictionCode: string };

export const systemActor = (jurisdictionCode: string): AuditActor => ({
  kind: 'SYSTEM',
  id: null,
  organisationId: null,
  jurisdictionCode,
});

/**
 * Appends to the subgraph's audit log, inside the caller's transaction when there is one: a reveal that
 * cannot be recorded is not made.
 */
export async function recordAudit(em: EntityManager, subgraph: SubgraphName, principal: AuditActor, event: AuditEvent) {
  await em.getConnection().execute(
    `insert into "${auditSchema(subgraph)}".audit_event (actor_kind, actor_id, organisation_id, jurisdiction_code, action, entity_type, entity_id, purpose, detail)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      principal.kind,
      principal.id,
      principal.organisationId,
      principal.jurisdictionCode,
      event.action,
      event.entityType,
      event.entityId,
      event.purpose ?? null,
      JSON.stringify(event.detail ?? {}),
    ],
    'run',
    em.getTransactionContext(),
  );
}
