import type { EntityManager } from '@mikro-orm/postgresql';
import { standardsLoader } from './standard.service.js';

export function createStandardLoaders(em: EntityManager) {
  return {
    /** Keyed `jurisdictionCode:year`: the standards in force there (inherited from above if need be). */
    standards: standardsLoader(em),
  };
}

export type StandardLoaders = ReturnType<typeof createStandardLoaders>;
