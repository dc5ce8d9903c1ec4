import type { EntityManager } from '@mikro-orm/postgresql';
import { byId } from '../loader-kit.js';
import { Case } from './case.entity.js';

export function createCaseLoaders(em: EntityManager) {
  return {
    case: byId(em, Case),
  };
}

export type CaseLoaders = ReturnType<typeof createCaseLoaders>;
