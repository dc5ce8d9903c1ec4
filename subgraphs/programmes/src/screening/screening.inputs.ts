import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateScalar, PageArgs } from '@doudi/shared';
import { EarlyWarning, EarlyWarningVisit, ScreeningRun, ScreeningSchedule } from './screening.entities.js';
import {
  EarlyWarningReason,
  EarlyWarningStatus,
  EarlyWarningVisitOutcome,
  ScreeningFrequency,
} from './screening.enums.js';

@InputType()
export class RunScreeningInput {
  @Field(() => ID, { description: 'The county (or any jurisdiction) whose households are screened.' })
  jurisdictionCode: string;

  @Field(() => DateScalar, { nullable: true, description: 'The date screened for; today if left out.' })
  on?: string;

  @Field(() => String, {
    nullable: true,
    description: 'Send the same key when retrying: the run is queued once and the retry answers it.',
  })
  idempotencyKey?: string | null;
}

@ObjectType()
export class RunScreeningPayload {
  @Field(() => ScreeningRun, { description: 'The run, queued: it starts at once; read screeningRuns for its counts.' })
  run: ScreeningRun;
}

@ArgsType()
export class ScreeningRunListArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Runs of this jurisdiction and below (default: your jurisdiction).' })
  jurisdictionCode?: string;
}

@InputType()
export class SetScreeningScheduleInput {
  @Field(() => ID)
  jurisdictionCode: string;

  @Field(() => ScreeningFrequency)
  frequency: ScreeningFrequency;

  @Field(() => Int, { description: 'Hour of the day, 0–23, Beijing time.' })
  hour: number;

  @Field(() => Int, { nullable: true, description: 'WEEKLY only: 1 (Monday) to 7.' })
  weekday?: number;

  @Field(() => Int, { nullable: true, description: 'MONTHLY only: 1 to 28.' })
  dayOfMonth?: number;

  @Field(() => Int, {
    nullable: true,
    description:
      'Early warning (河鱼府发【2021】39号 一): a household whose per-capita income is at or above the dibao line and less than ' +
      'this percent above it is listed. Left out: up to the low-income line (1.5 × the dibao line unless published otherwise).',
  })
  warningMarginPercent?: number;

  @Field(() => Int, { nullable: true, description: 'The version you read, when changing an existing schedule.' })
  version?: number;
}

@ObjectType()
export class ScreeningSchedulePayload {
  @Field(() => ScreeningSchedule)
  schedule: ScreeningSchedule;
}

@InputType()
export class EarlyWarningFilter {
  @Field(() => EarlyWarningStatus, { nullable: true, description: 'OPEN unless asked otherwise.' })
  status?: EarlyWarningStatus;

  @Field(() => EarlyWarningReason, { nullable: true })
  reason?: EarlyWarningReason;
}

@ArgsType()
export class EarlyWarningListArgs extends PageArgs {
  @Field(() => ID, { description: 'A village sees its own list; a township or county every village below it.' })
  jurisdictionCode: string;

  @Field(() => EarlyWarningFilter, { nullable: true })
  filter?: EarlyWarningFilter;
}

@InputType()
export class RecordEarlyWarningVisitInput {
  @Field(() => ID)
  warningId: string;

  @Field(() => DateScalar)
  visitedOn: string;

  @Field(() => EarlyWarningVisitOutcome)
  outcome: EarlyWarningVisitOutcome;

  @Field(() => String, { nullable: true })
  note?: string;

  @Field(() => String, { nullable: true, description: 'Send the same key when retrying; the visit is recorded once.' })
  idempotencyKey?: string;
}

@ObjectType()
export class EarlyWarningVisitPayload {
  @Field(() => EarlyWarningVisit)
  visit: EarlyWarningVisit;

  @Field(() => EarlyWarning)
  warning: EarlyWarning;
}
