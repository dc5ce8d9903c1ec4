import type { EntityManager } from '@mikro-orm/postgresql';
import { byCase } from '../loader-kit.js';
import { Visit } from './visit.entity.js';

export function createVisitLoaders(em: EntityManager) {
  return {
    visitsByCase: byCase(em, Visit, [{ visitedOn: 'asc' }, { id: 'asc' }]),
  };
}

export type VisitLoaders = ReturnType<typeof createVisitLoaders>;
