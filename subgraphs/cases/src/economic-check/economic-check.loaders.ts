import type { EntityManager } from '@mikro-orm/postgresql';
import { byCase } from '../loader-kit.js';
import { EconomicCheck } from './economic-check.entity.js';

export function createEconomicCheckLoaders(em: EntityManager) {
  return {
    economicChecksByCase: byCase(em, EconomicCheck, [{ requestedOn: 'asc' }, { id: 'asc' }]),
  };
}

export type EconomicCheckLoaders = ReturnType<typeof createEconomicCheckLoaders>;
