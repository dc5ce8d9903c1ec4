import { PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { newId } from '../ids.js';

/**
 * What every mutable record carries (docs/architecture.md, API conventions): a UUIDv7 id, a version for optimistic locking (an
 * update with a stale version answers CONFLICT) and its timestamps.
 */
@ObjectType()
export abstract class MutableRecord {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = newId();

  @Property({ type: 'integer', version: true })
  @Field(() => Int)
  version: number = 1;

  @Property({ type: 'datetime' })
  @Field(() => Date)
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  @Field(() => Date)
  updatedAt: Date = new Date();
}
