import { aggregate } from '@doudi/shared';
import { JurisdictionProgrammesResolver } from './jurisdiction.resolver.js';

/** Jurisdictions, owned by the organisations subgraph: this one adds the programmes run there. */
export const jurisdiction = aggregate({
  resolvers: [JurisdictionProgrammesResolver],
  referenceResolvers: { Jurisdiction: { __resolveReference: (ref: { code: string }) => ({ code: ref.code }) } },
});
