import { Entity, PrimaryKey, Property } from '@mikro-orm/postgresql';

/**
 * An event a consumer has handled, written in the same transaction as the handler's changes: a redelivery
 * (the producer never heard the answer) finds it and changes nothing.
 */
@Entity({ tableName: 'processed_event' })
export class ProcessedEvent {
  @PrimaryKey({ type: 'uuid' })
  eventId: string;

  @Property({ type: 'text' })
  type: string;

  @Property({ type: 'datetime' })
  processedAt: Date = new Date();
}
