import type { EntityManager } from '@mikro-orm/postgresql';
import { groupLoader, isUuid } from '@doudi/shared';
import { ConsentRecord } from './consent.entity.js';

/** Per request: the consents of many households in one query, most recently given first. */
export function createConsentLoaders(em: EntityManager) {
  return {
    consentsByHousehold: groupLoader(
      (ids) =>
        em.find(
          ConsentRecord,
          { householdId: { $in: ids.filter(isUuid) } },
          { orderBy: [{ givenAt: 'desc' }, { id: 'desc' }] },
        ),
      (row) => row.householdId,
    ),
  };
}

export type ConsentLoaders = ReturnType<typeof createConsentLoaders>;
