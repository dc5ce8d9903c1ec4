import type { EntityManager } from '@mikro-orm/postgresql';
import { byKeyLoader, groupLoader, isUuid, type SubgraphContext } from '@doudi/shared';
import { Programme } from './programme/programme.entity.js';
import { Benefit } from './benefit/benefit.entity.js';

export function createLoaders(em: EntityManager) {
  return {
    benefit: byKeyLoader(
      (ids) => em.find(Benefit, { id: { $in: ids.filter(isUuid) } }),
      (b) => b.id,
    ),
    programme: byKeyLoader(
      (ids) => em.find(Programme, { id: { $in: ids.filter(isUuid) } }),
      (p) => p.id,
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

export type Loaders = ReturnType<typeof createLoaders>;
export type Context = SubgraphContext<Loaders>;
