import { ArgsType, Field, ID, InputType, ObjectType } from 'type-graphql';
import { PageArgs } from '@doudi/shared';
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

@ArgsType()
export class CaseListArgs extends PageArgs {
  @Field(() => CaseFilter, { nullable: true })
  filter?: CaseFilter;
}
