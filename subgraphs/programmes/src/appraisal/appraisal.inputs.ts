import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '@doudi/shared';
import { AppraisalOutcome, AppraisalParticipantRole, DemocraticAppraisal } from './appraisal.entity.js';

@InputType()
export class AppraisalParticipantInput {
  @Field(() => AppraisalParticipantRole)
  role: AppraisalParticipantRole;

  @Field(() => String, { nullable: true, description: 'A named participant (e.g. the committee’s director).' })
  name?: string | null;

  @Field(() => Int, { nullable: true, description: 'How many of this role took part; 1 if left out.' })
  count?: number | null;
}

@InputType({ description: 'The village’s democratic appraisal meeting (民主评议, 临社救办发〔2015〕3号 二(一)).' })
export class RecordDemocraticAppraisalInput {
  @Field(() => ID, { nullable: true, description: 'The application (a case in cases), when there is one.' })
  caseId?: string | null;

  @Field(() => ID)
  householdId: string;

  @Field(() => ID, { description: 'The programme applied for (dibao, tekun …).' })
  programmeId: string;

  @Field(() => DateScalar, { description: 'The day of the meeting; not in the future.' })
  heldOn: string;

  @Field(() => [AppraisalParticipantInput])
  participants: AppraisalParticipantInput[];

  @Field(() => AppraisalOutcome)
  outcome: AppraisalOutcome;

  @Field(() => String, { description: 'Why, as minuted (评议意见).' })
  reasons: string;

  @Field(() => String, { nullable: true })
  idempotencyKey?: string | null;
}

@ObjectType()
export class DemocraticAppraisalPayload {
  @Field(() => DemocraticAppraisal)
  appraisal: DemocraticAppraisal;
}
