import { buildFederatedSchema, requireSignedIn } from '@doudi/shared';
import { JurisdictionResolver } from './jurisdiction/jurisdiction.resolver.js';
import { OrganisationResolver } from './organisation/organisation.resolver.js';
import { ApiClientResolver, AuthResolver, StaffAccountResolver, ViewerResolver } from './account/account.resolver.js';
import { CalendarResolver, JurisdictionCalendarResolver } from './calendar/calendar.resolver.js';
import { jointMeetingResolvers } from './joint-meeting/joint-meeting.resolver.js';
import { notificationResolvers } from './notification/notification.resolver.js';
import type { Context } from './context.js';

export const buildSchema = () =>
  buildFederatedSchema({
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
