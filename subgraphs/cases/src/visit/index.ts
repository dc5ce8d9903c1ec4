import { aggregate } from '@doudi/shared';
import { Visit } from './visit.entity.js';
import { CaseVisitsResolver, VisitResolver } from './visit.resolver.js';
import { createVisitLoaders } from './visit.loaders.js';

/** A case's home visits. */
export const visit = aggregate({
  entities: [Visit],
  resolvers: [CaseVisitsResolver, VisitResolver],
  loaders: createVisitLoaders,
});
