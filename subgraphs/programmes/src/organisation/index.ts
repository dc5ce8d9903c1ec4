import { aggregate } from '@doudi/shared';
import { OrganisationProgrammesResolver } from './organisation.resolver.js';

/** Organisations, owned by the organisations subgraph: this one adds the programmes they run. */
export const organisation = aggregate({
  resolvers: [OrganisationProgrammesResolver],
  referenceResolvers: { Organisation: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) } },
});
