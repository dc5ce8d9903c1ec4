import type { EntityManager } from '@mikro-orm/postgresql';
import { byKeyLoader, groupLoader, isUuid } from '@doudi/shared';
import { Programme } from './programme.entity.js';

export function createProgrammeLoaders(em: EntityManager) {
  return {
    programme: byKeyLoader(
      (ids) => em.find(Programme, { id: { $in: ids.filter(isUuid) } }),
      (p) => p.id,
    ),
    /** Programmes (not templates) run by each jurisdiction itself. */
    programmesByJurisdiction: groupLoader(
      (codes) =>
        em.find(
          Programme,
          { jurisdictionCode: { $in: [...codes] }, isTemplate: false },
          { orderBy: [{ kind: 'asc' }, { name: 'asc' }, { id: 'asc' }] },
        ),
      (p) => p.jurisdictionCode,
    ),
    programmesByOrganisation: groupLoader(
      (ids) =>
        em.find(
          Programme,
          { organisationId: { $in: ids.filter(isUuid) } },
          { orderBy: [{ name: 'asc' }, { id: 'asc' }] },
        ),
      (p) => p.organisationId,
    ),
  };
}

export type ProgrammeLoaders = ReturnType<typeof createProgrammeLoaders>;
