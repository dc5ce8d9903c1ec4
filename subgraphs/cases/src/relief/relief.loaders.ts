import type { EntityManager } from '@mikro-orm/postgresql';
import { groupLoader, isUuid } from '@doudi/shared';
import { CaseRelief } from './case-relief.entity.js';

export function createReliefLoaders(em: EntityManager) {
  return {
    // Benefit ids are UUIDv7, so their order is the order of granting.
    reliefByCase: groupLoader(
      (ids) => em.find(CaseRelief, { caseId: { $in: ids.filter(isUuid) } }, { orderBy: { benefitId: 'asc' } }),
      (r) => r.caseId,
    ),
  };
}

export type ReliefLoaders = ReturnType<typeof createReliefLoaders>;
