import type { EntityManager } from '@mikro-orm/postgresql';
import { recordAudit, type Principal } from '@doudi/shared';
import type { Benefit } from './benefit.entity.js';

/** A decision on a benefit in programmes' audit log: who, what, and the amount and household it concerned. */
export function auditStep(tx: EntityManager, principal: Principal, action: string, benefit: Benefit) {
  return recordAudit(tx, 'programmes', principal, {
    action,
    entityType: 'Benefit',
    entityId: benefit.id,
    detail: { status: benefit.status, householdId: benefit.householdId, amountFen: benefit.amountFen },
  });
}
