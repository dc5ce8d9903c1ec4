import type { EntityManager } from '@mikro-orm/postgresql';
import { byKeyLoader, isUuid } from '@doudi/shared';
import { ScreeningLead } from './screening-lead.entity.js';

export function createDiscoveryLoaders(em: EntityManager) {
  return {
    screeningLeadByCase: byKeyLoader(
      (ids) => em.find(ScreeningLead, { caseId: { $in: ids.filter(isUuid) } }),
      (lead) => lead.caseId!,
    ),
  };
}

export type DiscoveryLoaders = ReturnType<typeof createDiscoveryLoaders>;
