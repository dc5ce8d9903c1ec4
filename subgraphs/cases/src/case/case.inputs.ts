import { ArgsType, Field, ID, InputType, ObjectType } from 'type-graphql';
import { OrderInputType, PageArgs } from '@doudi/shared';
import { Case, CaseChannel, CaseStatus } from './case.entity.js';

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

  @Field(() => String, { nullable: true })
  idempotencyKey?: string;
}

@ObjectType()
export class OpenCasePayload {
  @Field(() => Case)
  case: Case;
}

@InputType()
export class CaseFilter {
  @Field(() => [CaseChannel], { nullable: true })
  channels?: CaseChannel[];

  @Field(() => CaseStatus, { nullable: true })
  status?: CaseStatus;

  @Field(() => ID, { nullable: true })
  leadOrganisationId?: string;
}

export const CASE_ORDER_COLUMNS = { OPENED_AT: 'openedAt', UPDATED_AT: 'updatedAt' };
export const CaseOrder = OrderInputType('Case', CASE_ORDER_COLUMNS);
export type CaseOrder = InstanceType<typeof CaseOrder>;

@ArgsType()
export class CaseListArgs extends PageArgs {
  @Field(() => CaseFilter, { nullable: true })
  filter?: CaseFilter;

  @Field(() => [CaseOrder], { nullable: true })
  orderBy?: CaseOrder[];
}
