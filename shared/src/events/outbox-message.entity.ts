import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import type { SubgraphName } from '../config.js';
import { newId } from '../ids.js';

/**
 * One event waiting for (or done with) delivery to one consumer, in the producer's own schema. It is written
 * in the producer's business transaction (publishEvent), so an event exists exactly when its change does;
 * the relay (relay.ts) delivers it afterwards.
 */
@Entity({ tableName: 'outbox_message' })
@Unique({ properties: ['eventId', 'consumer'] })
// The relay's query: undelivered rows that are due.
@Index({ properties: ['deliveredAt', 'nextAttemptAt'] })
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

  /** Failed deliveries so far; the next waits exponentially longer (relay.ts retryDelayMs). */
  @Property({ type: 'integer' })
  attempts: number = 0;

  @Property({ type: 'datetime' })
  nextAttemptAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  deliveredAt: Date | null = null;

  /** Why the last attempt failed, for whoever looks at a stuck row. */
  @Property({ type: 'text', nullable: true })
  lastError: string | null = null;
}
