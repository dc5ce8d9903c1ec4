import { ArgsType, Field, ID, InputType, ObjectType } from 'type-graphql';
import { DateScalar, OrderInputType, PageArgs, UPDATED_SINCE_DESCRIPTION } from '@doudi/shared';
import { Case, CaseChannel, CaseStage, CaseStatus, PriorityGroup } from './case.entity.js';

@InputType()
export class OpenCaseInput {
  @Field(() => ID)
  householdId: string;

  @Field(() => CaseChannel)
  channel: CaseChannel;

  @Field(() => String, { description: 'What happened, as the intake recorded it.' })
  summary: string;

  @Field(() => ID, { description: 'The organisation that leads the case.' })
  leadOrganisationId: string;

  @Field(() => ID, { description: 'The jurisdiction responsible for the family (its hukou place).' })
  jurisdictionCode: string;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'The day it came in (death case: the day the visit letter arrived); default today, never future.',
  })
  receivedOn?: string;

  @Field(() => String, { nullable: true, description: 'The person answerable for the case at the lead.' })
  responsiblePerson?: string;

  @Field(() => ID, {
    nullable: true,
    description: 'Where the case began, e.g. the police unit that handled the death (may be in another county).',
  })
  originOrganisationId?: string;

  @Field(() => ID, {
    nullable: true,
    description:
      'HOTLINE: the organisation that was asked (首问负责制); it must bring the applicant to the window. ' +
      'Left out, the call came in on the window’s own line and the case is at the window.',
  })
  firstQuestionOrganisationId?: string;

  @Field(() => [PriorityGroup], {
    nullable: true,
    description: '晋检发办字〔2023〕10号 第五条: the green-channel groups.',
  })
  priorityGroups?: PriorityGroup[];

  @Field(() => String, { nullable: true, description: 'Send the same key when retrying; the case is opened once.' })
  idempotencyKey?: string;
}

@InputType({
  description:
    '首问负责制 (周政办字〔2017〕70号 四(四)): the organisation first asked hands the request to the township window, ' +
    'which leads the case; the first-asked organisation is recorded and keeps reading what it handed over.',
})
export class HandToWindowInput {
  @Field(() => ID)
  householdId: string;

  @Field(() => ID, {
    description: 'The intake window (社会救助受理窗口): a township government or civil-affairs bureau.',
  })
  windowOrganisationId: string;

  @Field(() => ID, { description: 'The jurisdiction responsible for the family (its hukou place).' })
  jurisdictionCode: string;

  @Field(() => String, { description: 'What was asked, as the first-asked organisation recorded it.' })
  summary: string;

  @Field(() => DateScalar, { nullable: true, description: 'The day it was asked; default today, never future.' })
  receivedOn?: string;

  @Field(() => [PriorityGroup], {
    nullable: true,
    description: '晋检发办字〔2023〕10号 第五条: green-channel groups seen (the household’s facts add their own).',
  })
  priorityGroups?: PriorityGroup[];

  @Field(() => String, { nullable: true, description: 'Send the same key when retrying; it is handed over once.' })
  idempotencyKey?: string;
}

@ObjectType()
export class OpenCasePayload {
  @Field(() => Case)
  case: Case;
}

@ObjectType()
export class CasePayload {
  @Field(() => Case)
  case: Case;
}

@InputType()
export class CaseFilter {
  @Field(() => [CaseChannel], { nullable: true })
  channels?: CaseChannel[];

  @Field(() => CaseStatus, { nullable: true })
  status?: CaseStatus;

  @Field(() => [CaseStage], { nullable: true })
  stages?: CaseStage[];

  @Field(() => ID, { nullable: true })
  leadOrganisationId?: string;

  @Field(() => Boolean, { nullable: true, description: 'Only cases in (true) or out of (false) the green channel.' })
  greenChannel?: boolean;

  @Field(() => ID, {
    nullable: true,
    description: 'Cases whose responsible jurisdiction is this 12-digit division or one below it.',
  })
  jurisdictionCode?: string;

  @Field(() => DateScalar, { nullable: true, description: 'Cases received (receivedOn) on or after this day.' })
  receivedFrom?: string;

  @Field(() => DateScalar, { nullable: true, description: 'Cases received (receivedOn) on or before this day.' })
  receivedTo?: string;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Only cases with (true) or without (false) something overdue: an open task, a referral still SENT or ACCEPTED, ' +
      'or a follow-up not made, due before today (Asia/Shanghai) — as their `overdue` fields say.',
  })
  overdue?: boolean;

  @Field(() => Date, {
    nullable: true,
    description:
      UPDATED_SINCE_DESCRIPTION +
      ' A case changes when its own record does (stage, status, lead, window, office, closing); its referrals, tasks ' +
      'and timeline are synced through their own lists. Cases are never deleted: a closed one comes with status CLOSED.',
  })
  updatedSince?: Date;
}

export const CASE_ORDER_COLUMNS = {
  OPENED_AT: 'openedAt',
  UPDATED_AT: 'updatedAt',
  RECEIVED_ON: 'receivedOn',
  /** 晋检发办字〔2023〕10号 第五条: DESC puts the green channel first (it already breaks every other order's ties). */
  GREEN_CHANNEL: 'greenChannel',
};
export const CaseOrder = OrderInputType('Case', CASE_ORDER_COLUMNS);
export type CaseOrder = InstanceType<typeof CaseOrder>;

@ArgsType()
export class CaseListArgs extends PageArgs {
  @Field(() => CaseFilter, { nullable: true })
  filter?: CaseFilter;

  @Field(() => [CaseOrder], { nullable: true })
  orderBy?: CaseOrder[];
}
