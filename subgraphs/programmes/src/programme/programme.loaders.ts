import type { EntityManager } from '@mikro-orm/postgresql';
import { byKeyLoader, groupLoader, isUuid, readsRows, selectRows, uuidArray, type LoaderRequest } from '@doudi/shared';
import { Programme } from './programme.entity.js';

export function createProgrammeLoaders(em: EntityManager, request?: LoaderRequest) {
  return {
    // Programmes by id and by jurisdiction feed resolvers and the screening: in a query read as rows, not hydrated
    // as entities (issue 16 item 2); in a mutation, entities.
    programme: byKeyLoader(
      (ids) =>
        readsRows(request)
          ? selectRows(em, Programme, 'id = any(?::uuid[])', [uuidArray(ids)])
          : em.find(Programme, { id: { $in: ids.filter(isUuid) } }),
      (p) => p.id,
    ),
    /** Programmes (not templates) run by each jurisdiction itself. */
    programmesByJurisdiction: groupLoader(
      (codes) =>
        readsRows(request)
          ? selectRows(
              em,
              Programme,
              'jurisdiction_code = any(?::text[]) and not is_template',
              [`{${codes.filter((code) => /^\d{12}$/.test(code)).join(',')}}`],
              'kind asc, name asc, id asc',
            )
          : em.find(
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
