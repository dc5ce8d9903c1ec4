import type { EntityManager } from '@mikro-orm/postgresql';
import { publishEvent } from '@doudi/shared';
import type { Case } from './case.entity.js';

/**
 * Tells organisations that a case moved to another stage (its lead organisation's and assigned office's apps hear
 * of it by webhook). Call it after the step changed `found`, with the stage it had before; nothing when unchanged.
 */
export function publishStageChange(tx: EntityManager, found: Case, previousStage: Case['stage'], changedOn: string) {
  if (found.stage === previousStage) return;
  publishEvent(tx, {
    type: 'case.stage.changed',
    aggregateId: found.id,
    payload: {
      caseId: found.id,
      jurisdictionCode: found.jurisdictionCode,
      leadOrganisationId: found.leadOrganisationId,
      officeOrganisationId: found.officeOrganisationId,
      previousStage,
      stage: found.stage,
      status: found.status,
      changedOn,
    },
  });
}
