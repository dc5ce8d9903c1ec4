import type { EntityManager } from '@mikro-orm/postgresql';
import { recordAudit, systemActor, type AuditActor } from '@doudi/shared';
import type { Benefit } from './benefit.entity.js';

/** A decision on a benefit in programmes' audit log: who, what, and the amount and household it concerned. */
export function auditStep(
  tx: EntityManager,
  principal: AuditActor,
  action: string,
  benefit: Benefit,
  more: Record<string, unknown> = {},
) {
  return recordAudit(tx, 'programmes', principal, {
    action,
    entityType: 'Benefit',
    entityId: benefit.id,
    detail: { status: benefit.status, householdId: benefit.householdId, amountFen: benefit.amountFen, ...more },
  });
}

/**
 * A step the hourly sweep takes on its own (an ending whose notice closed with no objection open): in the audit log as
 * the SYSTEM of the benefit's jurisdiction, so the auditors of that place read what the system did there.
 */
export function auditSweepStep(tx: EntityManager, action: string, benefit: Benefit) {
  return auditStep(tx, systemActor(benefit.jurisdictionCode), action, benefit);
}
