import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ConnectionType, DateScalar, MutableRecord, newId } from '@doudi/shared';
import {
  EarlyWarningReason,
  EarlyWarningStatus,
  EarlyWarningVisitOutcome,
  ScreeningFrequency,
  ScreeningRunStatus,
  ScreeningTrigger,
} from './screening.enums.js';

/** One screening of a jurisdiction's households against the programmes in force and the key groups. */
@Entity({ tableName: 'screening_run' })
@Index({ properties: ['jurisdictionCode', 'queuedAt'] })
// The job's two questions, each over the few runs in its state: what is waiting, and which claim went silent.
@Index({
  name: 'screening_run_queued_index',
  expression:
    'create index "screening_run_queued_index" on "programmes"."screening_run" ("queued_at") where "status" = \'QUEUED\'',
})
@Index({
  name: 'screening_run_running_index',
  expression:
    'create index "screening_run_running_index" on "programmes"."screening_run" ("heartbeat_at") where "status" = \'RUNNING\'',
})
@ObjectType({
  description: 'One screening of every household of a jurisdiction (临社救办发〔2015〕3号 二(一) 应保尽保).',
})
export class ScreeningRun {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = newId();

  @Property({ type: 'string', length: 12 })
  @Field(() => ID, { description: 'The jurisdiction screened: households registered or living in its subtree.' })
  jurisdictionCode: string;

  @Property({ type: 'date' })
  @Field(() => DateScalar, { description: 'The date the facts and the programmes in force are read for.' })
  screenedOn: string;

  @Property({ type: 'text' })
  @Field(() => ScreeningTrigger)
  trigger: ScreeningTrigger;

  /** After a data push: only these households. */
  @Property({ type: 'json', nullable: true })
  householdIds: string[] | null = null;

  @Property({ type: 'text' })
  @Field(() => ScreeningRunStatus)
  status: ScreeningRunStatus = ScreeningRunStatus.QUEUED;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The account that asked for it (on demand).' })
  requestedBy: string | null = null;

  @Property({ type: 'datetime' })
  @Field(() => Date)
  queuedAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true })
  startedAt: Date | null = null;

  /** When the job took it (QUEUED → RUNNING): its batches are written only while this claim holds. */
  @Property({ type: 'datetime', nullable: true })
  claimedAt: Date | null = null;

  /** The last batch written by the job that holds it: a RUNNING run silent for minutes goes back to the queue. */
  @Property({ type: 'datetime', nullable: true })
  heartbeatAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true })
  finishedAt: Date | null = null;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Households screened.' })
  households: number = 0;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'New leads sent to cases (screening.lead.found).' })
  leadsFound: number = 0;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Households on the early-warning list after the run (among those screened).' })
  warnings: number = 0;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Benefits newly flagged for review (临社救办发〔2015〕3号 二(二) 动态管理).' })
  flagged: number = 0;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: 'How long the run took, in milliseconds.' })
  durationMs: number | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Why it failed.' })
  error: string | null = null;
}

@ObjectType()
export class ScreeningRunConnection extends ConnectionType(ScreeningRun) {}

/** When a jurisdiction screens its households, and how close to the dibao line puts a household on the list. */
@Entity({ tableName: 'screening_schedule' })
@ObjectType({ description: "A jurisdiction's screening schedule (the county's choice) and its early-warning margin." })
export class ScreeningSchedule extends MutableRecord {
  @Property({ type: 'string', length: 12, unique: true })
  @Field(() => ID)
  jurisdictionCode: string;

  @Property({ type: 'text' })
  @Field(() => ScreeningFrequency)
  frequency: ScreeningFrequency;

  @Property({ type: 'smallint' })
  @Field(() => Int, { description: 'Hour of the day (0–23, Beijing time).' })
  hour: number;

  @Property({ type: 'smallint', nullable: true })
  @Field(() => Int, { nullable: true, description: 'WEEKLY: day of the week, 1 (Monday) to 7.' })
  weekday: number | null = null;

  @Property({ type: 'smallint', nullable: true })
  @Field(() => Int, { nullable: true, description: 'MONTHLY: day of the month, 1 to 28.' })
  dayOfMonth: number | null = null;

  /** Percent of the dibao line above it that puts a household on the early-warning list; null: up to the low-income line. */
  @Property({ type: 'smallint', nullable: true })
  warningMarginPercent: number | null = null;

  @Property({ type: 'datetime' })
  @Field(() => Date, { description: 'When the next scheduled screening starts.' })
  nextRunAt: Date;
}

/** 前置预警对象 (河鱼府发【2021】39号 一, 二): a household close to a line, for its village point to visit. */
@Entity({ tableName: 'early_warning' })
@Index({ properties: ['villageCode', 'status'] })
@Index({
  name: 'early_warning_open_household_unique',
  expression:
    'create unique index "early_warning_open_household_unique" on "programmes"."early_warning" ("household_id") where "status" = \'OPEN\'',
})
@ObjectType({ description: 'A household on the early-warning list (前置预警对象, 河鱼府发【2021】39号 一、二).' })
export class EarlyWarning extends MutableRecord {
  @Property({ type: 'uuid' })
  householdId: string;

  @Property({ type: 'string', length: 12 })
  @Field(() => ID, { description: 'The village or community where the family lives: its point visits.' })
  villageCode: string;

  @Property({ type: 'string', length: 12 })
  hukouCode: string;

  @Property({ type: 'json' })
  reasons: EarlyWarningReason[];

  @Property({ type: 'text' })
  @Field(() => EarlyWarningStatus)
  status: EarlyWarningStatus = EarlyWarningStatus.OPEN;

  @Property({ type: 'date' })
  @Field(() => DateScalar, { description: 'The screening date that put the household on the list.' })
  raisedOn: string;

  @Property({ type: 'date' })
  @Field(() => DateScalar, { description: 'The last screening date that found it (or cleared it).' })
  lastScreenedOn: string;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true })
  clearedOn: string | null = null;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: 'The last recorded visit.' })
  lastVisitedOn: string | null = null;
}

@ObjectType()
export class EarlyWarningConnection extends ConnectionType(EarlyWarning) {}

/** A village point's visit to a household on the early-warning list. */
@Entity({ tableName: 'early_warning_visit' })
@ObjectType({ description: "A village point's visit to a household on the early-warning list." })
export class EarlyWarningVisit {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = newId();

  @ManyToOne(() => EarlyWarning, { mapToPk: true, joinColumn: 'warning_id', index: true })
  @Field(() => ID)
  warningId: string;

  @Property({ type: 'date' })
  @Field(() => DateScalar)
  visitedOn: string;

  @Property({ type: 'text' })
  @Field(() => EarlyWarningVisitOutcome)
  outcome: EarlyWarningVisitOutcome;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  note: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The account that recorded it.' })
  recordedBy: string | null = null;

  @Property({ type: 'datetime' })
  @Field(() => Date)
  createdAt: Date = new Date();
}

/**
 * A household's last screening, when it found something (no row: nothing found): its fingerprint, so that an
 * unchanged household writes nothing, and the lead key of the situation it is in. Written by screening.run.ts with
 * multi-row statements; declared here so the committed migrations are checked against it.
 */
@Entity({ tableName: 'screening_result' })
export class ScreeningResult {
  @PrimaryKey({ type: 'uuid' })
  householdId: string;

  @Property({ type: 'string', length: 12 })
  hukouCode: string;

  @Property({ type: 'string', length: 12 })
  residenceCode: string;

  @Property({ type: 'text' })
  stateHash: string;

  @Property({ type: 'text', nullable: true })
  leadKey: string | null = null;

  @Property({ type: 'array', columnType: 'uuid[]', default: '{}' })
  flagged: string[] = [];

  @Property({ type: 'date' })
  screenedOn: string;

  @Property({ type: 'uuid' })
  runId: string;
}

/** A situation sent to cases as a lead: its key is claimed once, so no situation becomes two leads. */
@Entity({ tableName: 'screening_lead' })
export class ScreeningLead {
  @PrimaryKey({ type: 'text' })
  situationKey: string;

  @Property({ type: 'uuid', index: true })
  householdId: string;

  @Property({ type: 'uuid' })
  runId: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  sentAt: Date;
}

export const screeningEntities = [
  ScreeningRun,
  ScreeningSchedule,
  EarlyWarning,
  EarlyWarningVisit,
  ScreeningResult,
  ScreeningLead,
];
