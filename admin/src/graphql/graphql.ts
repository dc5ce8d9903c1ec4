import { initGraphQLTada } from 'gql.tada';
import type { introspection } from './graphql-env.d.ts';

/**
 * `graphql()` parses each document once and types its result and variables against the committed supergraph
 * (scripts/api-schema.ts). Custom scalars reach the console as the strings the API sends.
 */
export const graphql = initGraphQLTada<{
  introspection: introspection;
  scalars: { Date: string; DateTime: string; ID: string };
  // Fragments share field lists between documents; their fields are read in place, not through readFragment.
  disableMasking: true;
}>();

export type { FragmentOf, ResultOf, VariablesOf } from 'gql.tada';
export { readFragment } from 'gql.tada';
