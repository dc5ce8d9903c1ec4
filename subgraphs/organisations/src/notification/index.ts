import { aggregate } from '@doudi/shared';
import { Notification } from './notification.entity.js';
import { createNotificationLoaders } from './notification.loaders.js';
import { notificationResolvers } from './notification.resolver.js';

/** Notifications to organisations, e.g. of the cases subgraph's deadline events. */
export const notification = aggregate({
  entities: [Notification],
  resolvers: notificationResolvers,
  loaders: createNotificationLoaders,
});
