import type { SubgraphContext } from '@doudi/shared';
import type { CalendarLoaders } from './calendar/calendar.loaders.js';
import type { JointMeetingLoaders } from './joint-meeting/joint-meeting.loaders.js';
import type { JurisdictionLoaders } from './jurisdiction/jurisdiction.loaders.js';
import type { createNotificationLoaders } from './notification/notification.loaders.js';
import type { OrganisationLoaders } from './organisation/organisation.loaders.js';
import type { Services } from './setup.js';
import type { WebhookLoaders } from './webhook/webhook.loaders.js';

/**
 * A request's loaders: those of every aggregate that has some (aggregates.ts makes them). Named from each
 * folder's loaders file, not its face, so that resolvers can use this type without an import cycle; index.ts
 * checks that the faces make exactly these.
 */
export type Loaders = CalendarLoaders &
  JointMeetingLoaders &
  JurisdictionLoaders &
  ReturnType<typeof createNotificationLoaders> &
  OrganisationLoaders &
  WebhookLoaders;
export type Context = SubgraphContext<Loaders, Services>;
