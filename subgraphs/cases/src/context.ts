import type { EntityManager } from '@mikro-orm/postgresql';
import { byKeyLoader, groupLoader, isUuid, type SubgraphContext } from '@doudi/shared';
import { Case } from './case/case.entity.js';
import { Referral } from './referral/referral.entity.js';
import { reliefLoaders } from './relief/relief.loaders.js';

export function createLoaders(em: EntityManager) {
  return {
    case: byKeyLoader(
      (ids) => em.find(Case, { id: { $in: ids.filter(isUuid) } }),
      (c) => c.id,
    ),
    referral: byKeyLoader(
      (ids) => em.find(Referral, { id: { $in: ids.filter(isUuid) } }),
      (r) => r.id,
    ),
    referralsByCase: groupLoader(
      (ids) =>
        em.find(Referral, { caseId: { $in: ids.filter(isUuid) } }, { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
      (r) => r.caseId,
    ),
    casesByHousehold: groupLoader(
      (ids) =>
        em.find(
          Case,
          { householdId: { $in: ids.filter(isUuid) } },
          { orderBy: [{ openedAt: 'desc' }, { id: 'desc' }] },
        ),
      (c) => c.householdId,
    ),
    ...reliefLoaders(em),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
export type Context = SubgraphContext<Loaders>;
