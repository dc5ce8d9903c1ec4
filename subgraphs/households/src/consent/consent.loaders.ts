import type { EntityManager } from '@mikro-orm/postgresql';
import { groupLoader, isUuid } from '@doudi/shared';
import { ConsentRecord } from './consent.entity.js';
import type { Context } from '../context.js';

/** Per request: the consents of many households in one query, most recently given first. */
export function createConsentLoaders(em: EntityManager) {
  return {
    consentsByHousehold: groupLoader(
      (ids) =>
        em.find(
          ConsentRecord,
          { householdId: { $in: ids.filter(isUuid) } },
          { orderBy: [{ givenAt: 'desc' }, { id: 'desc' }] },
        ),
      (row) => row.householdId,
    ),
  };
}

export type ConsentLoaders = ReturnType<typeof createConsentLoaders>;

/** The request's loaders with the consent one, made on first use until context.ts creates it with the others. */
export function consentLoaders(ctx: Context): Context['loaders'] & ConsentLoaders {
  const loaders = ctx.loaders as Context['loaders'] & Partial<ConsentLoaders>;
  if (!loaders.consentsByHousehold) Object.assign(loaders, createConsentLoaders(ctx.em));
  return loaders as Context['loaders'] & ConsentLoaders;
}
