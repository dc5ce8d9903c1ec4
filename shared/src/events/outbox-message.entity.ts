import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import type { SubgraphName } from '../config.js';
import { newId } from '../ids.js';

/**
 * One event waiting for (or done with) delivery to one consumer, in the producer's own schema. It is written
 * in the producer's business transaction (publishEvent), so an event exists exactly when its change does;
 * an insert trigger queues its delivery in that same transaction, and the relay (relay.ts) delivers it.
 */
@Entity({ tableName: 'outbox_message' })
@Unique({ properties: ['eventId', 'consumer'] })
export class OutboxMessage {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  /** The same for every consumer's copy of one event: consumers de-duplicate on it. */
  @Property({ type: 'uuid' })
  eventId: string;

  /** e.g. 'benefit.approved' (subscriptions.ts). */
  @Property({ type: 'text' })
  type: string;

  @Property({ type: 'text' })
  aggregateId: string;

  @Property({ type: 'json' })
  payload: Record<string, unknown>;

  @Property({ type: 'text' })
  consumer: SubgraphName;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  deliveredAt: Date | null = null;
}
