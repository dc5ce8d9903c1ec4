import type { EntityManager } from '@mikro-orm/postgresql';
import { byKeyLoader, isUuid } from '@doudi/shared';
import { Person } from './person.entity.js';

export function createPersonLoaders(em: EntityManager) {
  return {
    person: byKeyLoader(
      (ids) => em.find(Person, { id: { $in: ids.filter(isUuid) } }),
      (p) => p.id,
    ),
  };
}

export type PersonLoaders = ReturnType<typeof createPersonLoaders>;
