import { ProcessedEvent, ThrottleCounter, type SubgraphDefinition } from '@doudi/shared';
import { Jurisdiction } from './jurisdiction/jurisdiction.entity.js';
import { Organisation } from './organisation/organisation.entity.js';
import { ApiClient, AuthSession, StaffAccount } from './account/account.entities.js';
import { setup } from './setup.js';
import { CalendarOverride, CalendarYear } from './calendar/calendar-override.entity.js';
import { jointMeetingEntities } from './joint-meeting/joint-meeting.entity.js';
import { Notification } from './notification/notification.entity.js';
import { notificationEventHandlers } from './notification/notification.events.js';
import { createLoaders, type Loaders } from './context.js';
import { migrations } from './migrations/index.js';
import { buildSchema } from './schema.js';

export const organisations: SubgraphDefinition<Loaders> = {
  name: 'organisations',
  entities: [
    Jurisdiction,
    Organisation,
    StaffAccount,
    ApiClient,
    AuthSession,
    // Sign-in attempts per account, client and address (account/account.service.ts, SIGN_IN_LIMITS).
    ThrottleCounter,
    CalendarOverride,
    CalendarYear,
    ...jointMeetingEntities,
    Notification,
    // Consumes the cases subgraph's deadline events (notification/notification.events.ts).
    ProcessedEvent,
  ],
  migrations,
  buildSchema,
  createLoaders,
  setup,
  // Loaded only when demo data is asked for: the dynamic import keeps the demo data out of production's imports.
  seedDemo: async (em, logger, options) => (await import('./demo.js')).seedDemo(em, logger, options),
  eventHandlers: notificationEventHandlers,
};

/** The one-time command that makes a production installation's first administrator (scripts/create-admin.ts). */
export { createFirstAdmin, type FirstAdminInput } from './account/first-admin.js';
export { OrganisationKind } from './organisation/organisation.entity.js';
