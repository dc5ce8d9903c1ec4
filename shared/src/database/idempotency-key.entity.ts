import { Entity, PrimaryKeyProp, PrimaryKey, Property } from '@mikro-orm/postgresql';

/**
 * A claimed idempotency key (see idempotency.ts). Every subgraph lists this entity, so each schema has
 * its own table and the migrations generator keeps it.
 */
@Entity({ tableName: 'idempotency_key' })
export class IdempotencyKey {
  [PrimaryKeyProp]?: ['operation', 'key'];

  @PrimaryKey({ type: 'text' })
  operation: string;

  @PrimaryKey({ type: 'text' })
  key: string;

  @Property({ type: 'text' })
  requestHash: string;

  /** The created entity's key: a UUID, or a natural key such as a jurisdiction code. */
  @Property({ type: 'text', nullable: true })
  entityId: string | null = null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
