import { entitiesOf, loadersOf, ProcessedEvent, ThrottleCounter, type SubgraphDefinition } from '@doudi/shared';
import { aggregates } from './aggregates.js';
import type { Loaders } from './context.js';
import { migrations } from './migrations/index.js';
import { notificationEventHandlers } from './notification/notification.events.js';
import { buildSchema } from './schema.js';
import { setup, type Services } from './setup.js';
import { webhookDeliveryJob, withWebhooks } from './webhook/index.js';

export const organisations: SubgraphDefinition<Loaders> = {
  name: 'organisations',
  entities: [
    ...entitiesOf(aggregates),
    // Sign-in attempts per account, client and address (account/account.service.ts, SIGN_IN_LIMITS).
    ThrottleCounter,
    // Consumes the cases subgraph's deadline events (notification/notification.events.ts), and the referral, case and
    // benefit events that become webhooks (webhook/webhook.events.ts).
    ProcessedEvent,
  ],
  migrations,
  buildSchema,
  createLoaders: loadersOf(aggregates),
  setup,
  // Loaded only when demo data is asked for: the dynamic import keeps the demo data out of production's imports.
  seedDemo: async (em, logger, options) => (await import('./demo.js')).seedDemo(em, logger, options),
  eventHandlers: withWebhooks(notificationEventHandlers),
  jobs: {
    // Sends due webhook deliveries and their retries (webhook/webhook.deliver.ts; docs/webhooks.md).
    'webhook-deliveries': webhookDeliveryJob((services) => {
      const { webhooks, vault } = services as Services;
      return { settings: webhooks, vault };
    }),
  },
};

/** The one-time command that makes a production installation's first administrator (scripts/create-admin.ts). */
export { createFirstAdmin, type FirstAdminInput } from './account/first-admin.js';
export { OrganisationKind } from './organisation/organisation.entity.js';
