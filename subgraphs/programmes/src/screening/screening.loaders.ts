import type { EntityManager } from '@mikro-orm/postgresql';
import { groupLoader } from '@doudi/shared';
import { EarlyWarningVisit } from './screening.entities.js';

export function createScreeningLoaders(em: EntityManager) {
  return {
    /** The visits of each early warning, oldest first: a page of warnings asks once. */
    earlyWarningVisits: groupLoader(
      (ids) =>
        em.find(EarlyWarningVisit, { warningId: { $in: [...ids] } }, { orderBy: { visitedOn: 'asc', id: 'asc' } }),
      (v) => v.warningId,
    ),
  };
}

export type ScreeningLoaders = ReturnType<typeof createScreeningLoaders>;
