export * from './subscriptions.js';
export * from './event.js';
export * from './outbox-message.entity.js';
export * from './processed-event.entity.js';
export * from './publish.js';
export * from './delivery-token.js';
export * from './relay.js';
export * from './receiver.js';
