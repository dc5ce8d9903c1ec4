import { aggregate } from '@doudi/shared';
import { WebhookDelivery, WebhookSubscription } from './webhook.entity.js';
import { createWebhookLoaders } from './webhook.loaders.js';
import { webhookResolvers } from './webhook.resolver.js';

/** Webhooks for agency apps (issue 19 item 1; docs/webhooks.md). */
export const webhook = aggregate({
  entities: [WebhookSubscription, WebhookDelivery],
  resolvers: webhookResolvers,
  loaders: createWebhookLoaders,
});

export { withWebhooks } from './webhook.events.js';
export { webhookDeliveryJob, deliverDueWebhooks } from './webhook.deliver.js';
export { webhookSettings, type WebhookSettings } from './webhook.target.js';
