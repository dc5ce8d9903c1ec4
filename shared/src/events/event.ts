import type { EntityManager } from '@mikro-orm/postgresql';
import type { SubgraphName } from '../config.js';
import type { EventType } from './subscriptions.js';

/** One event as a consumer receives it (the body of a delivery to /internal/events). */
export interface DeliveredEvent {
  eventId: string;
  type: string;
  aggregateId: string;
  payload: Record<string, unknown>;
  producer: SubgraphName;
  /** ISO 8601: when the producer committed it. */
  occurredAt: string;
}

/**
 * Applies one event to the consumer's own tables, through `em` — the transaction that also records the
 * event as processed, so both commit or neither does. Throwing makes the producer retry later.
 */
export type EventHandler = (em: EntityManager, event: DeliveredEvent) => Promise<void>;

/** A consumer's handlers, by the event types it subscribes to (subscriptions.ts). */
export type EventHandlers = Partial<Record<EventType, EventHandler>>;

/** Where a subgraph takes deliveries: beside its GraphQL endpoint, private like it. */
export const EVENTS_PATH = '/internal/events';

export function eventsUrlOf(graphqlUrl: string): string {
  return `${graphqlUrl.replace(/\/graphql\/?$/, '')}${EVENTS_PATH}`;
}
