import { aggregate } from '@doudi/shared';
import { CaseRelief } from './case-relief.entity.js';
import { CaseReliefListResolver, CaseReliefResolver } from './relief.resolver.js';
import { createReliefLoaders } from './relief.loaders.js';

/** The relief a case led to: benefits granted by programmes, kept here from their events. */
export const relief = aggregate({
  entities: [CaseRelief],
  resolvers: [CaseReliefListResolver, CaseReliefResolver],
  loaders: createReliefLoaders,
});

export { reliefEventHandlers } from './relief.events.js';
