import type { EntityManager } from '@mikro-orm/postgresql';
import { byKeyLoader, groupLoader, isJurisdictionCode } from '@doudi/shared';
import { Jurisdiction } from './jurisdiction.entity.js';

export function createJurisdictionLoaders(em: EntityManager) {
  return {
    jurisdiction: byKeyLoader(
      (codes) => em.find(Jurisdiction, { code: { $in: codes.filter(isJurisdictionCode) } }),
      (j) => j.code,
    ),
    childJurisdictions: groupLoader(
      (codes) =>
        em.find(Jurisdiction, { parentCode: { $in: codes.filter(isJurisdictionCode) } }, { orderBy: { code: 'asc' } }),
      (j) => j.parentCode as string,
    ),
  };
}

export type JurisdictionLoaders = ReturnType<typeof createJurisdictionLoaders>;
