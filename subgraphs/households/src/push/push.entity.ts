import { Entity, Index, Property, Unique } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionType, DateScalar, MutableRecord } from '@doudi/shared';
import { DataPushKind } from './push.kinds.js';

/**
 * One batch an office pushed into the registry (河鱼府发【2021】39号 二(四)), written only by a real run that went in:
 * the kind, the office, the date of the data and what became of its rows. `contentHash` makes a re-sent batch
 * answer this record instead of being applied twice.
 */
@Entity({ tableName: 'data_push' })
@Index({ properties: ['jurisdictionCode', 'createdAt'] })
@ObjectType({ description: "A batch of an office's data pushed into the registry (河鱼府发【2021】39号 二(四))." })
export class DataPush extends MutableRecord {
  @Property({ type: 'text' })
  @Field(() => DataPushKind)
  kind: DataPushKind;

  @Property({ type: 'uuid' })
  @Field(() => ID, { description: 'The office that pushed the data.' })
  sourceOrganisationId: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'Its name as the history records it.' })
  sourceName: string;

  @Property({ type: 'date' })
  @Field(() => DateScalar, { description: 'The date of the data (as the office states it).' })
  asOf: string;

  /** The pusher's jurisdiction: the batch is listed to those who reach it. */
  @Property({ type: 'string', length: 12 })
  @Field(() => ID, { description: "The pusher's jurisdiction." })
  jurisdictionCode: string;

  /** SHA-256 of kind, office, date and rows (ID numbers as keyed hashes): the same batch again is this one. */
  @Property({ type: 'text', hidden: true })
  @Unique()
  contentHash: string;

  @Property({ type: 'integer' })
  @Field(() => Int)
  rows: number;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Rows matched to a registered person whose facts changed.' })
  matched: number;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Rows matched to a registered person whose facts already said so.' })
  unchanged: number;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Rows matching nobody within reach: they wait in dataPushUnmatchedRows.' })
  unmatched: number;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Always 0 for a batch that went in (a batch with an invalid row writes nothing).' })
  invalid: number = 0;

  @Property({ type: 'text', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The staff account or app that pushed it.' })
  createdById: string | null = null;
}

@ObjectType()
export class DataPushConnection extends ConnectionType(DataPush) {}

export enum UnmatchedRowStatus {
  /** Waits for the township. */
  PENDING = 'PENDING',
  /** Linked to a registered member; the row's facts were applied. */
  REGISTERED = 'REGISTERED',
  DISMISSED = 'DISMISSED',
}
registerEnumType(UnmatchedRowStatus, { name: 'UnmatchedRowStatus' });

/**
 * A pushed row that matched no registered person within the pusher's reach: the township registers the person
 * (linking the row to the member, which applies its facts) or dismisses it with a reason, 村不漏户、户不漏人. The
 * ID number is sealed like every ID number (shared/src/personal-data/vault.ts); lists show it masked.
 */
@Entity({ tableName: 'data_push_unmatched_row' })
@Index({ properties: ['jurisdictionCode', 'status'] })
@ObjectType({ description: 'A pushed row that matched nobody registered: it waits to be registered or dismissed.' })
export class DataPushUnmatchedRow extends MutableRecord {
  @Property({ type: 'uuid', index: true })
  @Field(() => ID)
  dataPushId: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'The row in the batch (a file numbers its header row 1).' })
  row: number;

  @Property({ type: 'text' })
  @Field(() => DataPushKind)
  kind: DataPushKind;

  /** Where the township should look: the division the office gave for the row, or the pusher's. */
  @Property({ type: 'string', length: 12 })
  @Field(() => ID)
  jurisdictionCode: string;

  @Property({ type: 'text', hidden: true })
  idNumberSealed: string;

  @Property({ type: 'text', hidden: true, index: true })
  idNumberHash: string;

  @Property({ type: 'text' })
  @Field(() => String, { name: 'idNumber', description: 'Masked (141023********1234).' })
  idNumberMasked: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'The name the office gave, if any.' })
  name: string | null = null;

  /** The row's kind-specific values (PushValues); health values read as the person's own would. */
  @Property({ type: 'json' })
  values: Record<string, unknown>;

  @Property({ type: 'text' })
  @Field(() => UnmatchedRowStatus)
  status: UnmatchedRowStatus = UnmatchedRowStatus.PENDING;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The member the row was registered as.' })
  personId: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  dismissReason: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => ID, { nullable: true })
  resolvedById: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true })
  resolvedAt: Date | null = null;
}

@ObjectType()
export class DataPushUnmatchedRowConnection extends ConnectionType(DataPushUnmatchedRow) {}
