import 'reflect-metadata';
import { lexicographicSortSchema, parse, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap, type NonEmptyArray } from 'type-graphql';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import merge from 'lodash.merge';
import { DateTimeScalar } from './scalars.js';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- type-graphql takes resolver classes as `Function`
type ResolverClass = Function;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ReferenceResolvers = Record<string, { __resolveReference: (ref: any, context: any) => unknown }>;

const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@tag"])';

/**
 * type-graphql → SDL → @apollo/subgraph (docs/architecture.md, Notes on the stack): type-graphql knows nothing of federation, so the
 * schema goes through its printed SDL, with the reference resolvers merged in before the subgraph is built.
 */
export async function buildFederatedSchema(options: {
  resolvers: NonEmptyArray<ResolverClass>;
  referenceResolvers?: ReferenceResolvers;
  orphanedTypes?: ResolverClass[];
}): Promise<{ schema: GraphQLSchema; sdl: string }> {
  const typeGraphQLSchema = await buildSchema({
    resolvers: options.resolvers,
    orphanedTypes: options.orphanedTypes,
    // JS Date values are instants; calendar dates use the Date scalar explicitly.
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    skipCheck: true,
    validate: false,
  });
  // Sorted: type-graphql orders fields by module load order, which differs between tsx and vitest.
  const sdl = `${FEDERATION_LINK}\n\n${printSchemaWithDirectives(lexicographicSortSchema(typeGraphQLSchema))}`;
  const schema = buildSubgraphSchema({
    typeDefs: parse(sdl),
    resolvers: merge(
      createResolversMap(typeGraphQLSchema),
      options.referenceResolvers ?? {},
    ) as GraphQLResolverMap<unknown>,
  });
  return { schema, sdl };
}
