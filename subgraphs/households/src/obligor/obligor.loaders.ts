import type { EntityManager } from '@mikro-orm/postgresql';
import { groupLoader, isUuid } from '@doudi/shared';
import { SupportObligor } from './obligor.entity.js';

export function createObligorLoaders(em: EntityManager) {
  return {
    obligorsByHousehold: groupLoader(
      (ids) =>
        em.find(SupportObligor, { householdId: { $in: ids.filter(isUuid) } }, { orderBy: [{ createdAt: 'asc' }] }),
      (o) => o.householdId,
    ),
  };
}

export type ObligorLoaders = ReturnType<typeof createObligorLoaders>;
