import type { EntityManager } from '@mikro-orm/postgresql';
import { byKeyLoader, isUuid } from '@doudi/shared';
import { Organisation } from './organisation.entity.js';

export function createOrganisationLoaders(em: EntityManager) {
  return {
    organisation: byKeyLoader(
      (ids) => em.find(Organisation, { id: { $in: ids.filter(isUuid) } }),
      (o) => o.id,
    ),
  };
}

export type OrganisationLoaders = ReturnType<typeof createOrganisationLoaders>;
