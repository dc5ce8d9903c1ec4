import { Entity, PrimaryKey, Property } from '@mikro-orm/postgresql';

/**
 * One throttled key's count in the subgraph's own schema, in the layout rate-limiter-flexible's PostgreSQL
 * store reads and writes (key, points, expire in epoch milliseconds). A subgraph that throttles lists this
 * entity so its migrations make the table; every replica then counts in the same rows.
 */
@Entity({ tableName: 'throttle' })
export class ThrottleCounter {
  /** `<throttle name>:<sha-256 of the caller's key>`: no account name or address is stored in clear. */
  @PrimaryKey({ type: 'string', length: 255 })
  key: string;

  @Property({ type: 'integer', default: 0 })
  points: number = 0;

  @Property({ type: 'bigint', nullable: true })
  expire: string | null = null;
}
