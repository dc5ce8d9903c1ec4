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
 * Appends to the subgraph's audit log, inside the caller's transaction when there is one: a reveal that
 * cannot be recorded is not made.
 */
export async function recordAudit(em: EntityManager, subgraph: SubgraphName, principal: Principal, event: AuditEvent) {
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
