import type { EntityManager } from '@mikro-orm/postgresql';
import { newId } from '../ids.js';
import { OutboxMessage } from './outbox-message.entity.js';
import { EVENT_SUBSCRIBERS, type EventType } from './subscriptions.js';

export interface NewEvent {
  type: EventType;
  /** The record the event is about, e.g. the benefit's id. */
  aggregateId: string;
  /** Plain JSON; consumers read it, so change its shape only by adding fields. */
  payload: Record<string, unknown>;
}

/**
 * Records an event for every subscribed consumer, in the caller's transaction: call it inside the
 * em.transactional() that makes the business change, so the event commits or rolls back with it. Nothing is
 * sent here; the relay delivers after the commit. Returns the event's id.
 */
export function publishEvent(em: EntityManager, event: NewEvent): string {
  const eventId = newId();
  for (const consumer of EVENT_SUBSCRIBERS[event.type]) {
    em.persist(
      Object.assign(new OutboxMessage(), {
        eventId,
        type: event.type,
        aggregateId: event.aggregateId,
        payload: event.payload,
        consumer,
      }),
    );
  }
  return eventId;
}
