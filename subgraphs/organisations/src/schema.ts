import { defaultFieldResolver, type GraphQLSchema } from 'graphql';
import { buildFederatedSchema, requireSignedIn } from '@doudi/shared';
import { JurisdictionResolver } from './jurisdiction/jurisdiction.resolver.js';
import { OrganisationResolver } from './organisation/organisation.resolver.js';
import { ApiClientResolver, AuthResolver, StaffAccountResolver, ViewerResolver } from './account/account.resolver.js';
import { CalendarResolver, JurisdictionCalendarResolver } from './calendar/calendar.resolver.js';
import { jointMeetingResolvers } from './joint-meeting/joint-meeting.resolver.js';
import { notificationResolvers } from './notification/notification.resolver.js';
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
    resolvers: [
      JurisdictionResolver,
      OrganisationResolver,
      AuthResolver,
      ViewerResolver,
      StaffAccountResolver,
      ApiClientResolver,
      CalendarResolver,
      JurisdictionCalendarResolver,
      ...jointMeetingResolvers,
      ...notificationResolvers,
    ],
    referenceResolvers: {
      Jurisdiction: {
        __resolveReference: (ref: { code: string }, ctx: Context) => {
          requireSignedIn(ctx.principal);
          return ctx.loaders.jurisdiction.load(ref.code);
        },
      },
      Organisation: {
        __resolveReference: (ref: { id: string }, ctx: Context) => {
          requireSignedIn(ctx.principal);
          return ctx.loaders.organisation.load(ref.id);
        },
      },
    },
  });
  return { ...built, schema: refuseAnonymous(built.schema) };
};
