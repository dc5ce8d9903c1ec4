import { aggregate } from '@doudi/shared';

/** Organisations, owned by the organisations subgraph: any organisation may have an inbox here. */
export const organisation = aggregate({
  // Its owner decides whether it exists.
  referenceResolvers: { Organisation: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) } },
});
