import { defaultFieldResolver, type GraphQLSchema } from 'graphql';
import { buildFederatedSchema, referenceResolversOf, requireSignedIn, resolversOf } from '@doudi/shared';
import { auditLogResolver } from '@doudi/shared/database/audit-log';
import { aggregates } from './aggregates.js';
import type { Context } from './context.js';

/** The only root fields an anonymous caller may reach: signing in (issue 10 item 11). */
export const ANONYMOUS_FIELDS: ReadonlySet<string> = new Set(['signIn', 'issueClientToken']);

/**
 * Defence in depth beside the gateway's own rule: every other Query and Mutation field of this subgraph
 * answers an anonymous caller UNAUTHENTICATED before it reads anything — so no answer (NOT_FOUND,
 * BAD_USER_INPUT …) tells an anonymous caller whether a record exists. Federation's `_entities` checks
 * in each reference resolver, and `_service` only describes the schema.
 */
function refuseAnonymous(schema: GraphQLSchema): GraphQLSchema {
  for (const type of [schema.getQueryType(), schema.getMutationType()]) {
    for (const field of Object.values(type?.getFields() ?? {})) {
      if (ANONYMOUS_FIELDS.has(field.name) || field.name.startsWith('_')) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context: Context, info) => {
        requireSignedIn(context.principal);
        return resolve(source, args, context, info);
      };
    }
  }
  return schema;
}

export const buildSchema = async () => {
  const built = await buildFederatedSchema({
    resolvers: [...resolversOf(aggregates), auditLogResolver('organisations')],
    referenceResolvers: referenceResolversOf(aggregates),
  });
  return { ...built, schema: refuseAnonymous(built.schema) };
};
