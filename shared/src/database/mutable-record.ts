import { PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { newId } from '../ids.js';
import { conflict } from '../errors.js';

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

/**
 * The stale-version check of optimistic locking: a caller who sends the version it read and finds the record moved
 * on gets CONFLICT naming `field` and the current version. No version sent means "I did not read it first" and
 * passes, unless `required` (a correction of something that exists must say which version it corrects).
 */
export function assertVersion(
  record: { id: string; version: number },
  given: number | null | undefined,
  what: string,
  options: { field?: string; required?: boolean } = {},
): void {
  if ((given === null || given === undefined) && !options.required) return;
  if (given === record.version) return;
  const sent = given === null || given === undefined ? 'you sent none' : `you sent ${given}`;
  throw conflict(`${what} ${record.id} changed since you read it (version ${record.version}, ${sent}); read it again`, {
    field: options.field ?? 'input.version',
    currentVersion: record.version,
  });
}
