import type { EntityManager } from '@mikro-orm/postgresql';
import { byKeyLoader, groupLoader, isUuid, selectRows, uuidArray } from '@doudi/shared';
import { Programme } from './programme.entity.js';

export function createProgrammeLoaders(em: EntityManager) {
  return {
    // Programmes by id and by jurisdiction feed resolvers and the screening only: read as rows, not hydrated as
    // entities (issue 16 item 2). Writes load a programme through the ORM.
    programme: byKeyLoader(
      (ids) => selectRows(em, Programme, 'id = any(?::uuid[])', [uuidArray(ids)]),
      (p) => p.id,
    ),
    /** Programmes (not templates) run by each jurisdiction itself. */
    programmesByJurisdiction: groupLoader(
      (codes) =>
        selectRows(
          em,
          Programme,
          'jurisdiction_code = any(?::text[]) and not is_template',
          [`{${codes.filter((code) => /^\d{12}$/.test(code)).join(',')}}`],
          'kind asc, name asc, id asc',
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
