import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { DateScalar } from '@doudi/shared';
import { LifeArea } from '../case/case.enums.js';
import { ReferralKind } from '../referral/referral.enums.js';
import { Visit } from './visit.entity.js';

@InputType()
export class LifeAreaFindingInput {
  @Field(() => LifeArea)
  area: LifeArea;

  @Field(() => String, { description: 'How the family stands in this area.' })
  situation: string;

  @Field(() => Boolean)
  needsHelp: boolean;
}

@InputType({ description: 'A visit to the family; a death case’s first visit covers all six life areas.' })
export class RecordVisitInput {
  @Field(() => ID)
  caseId: string;

  @Field(() => DateScalar, { nullable: true, description: 'Default today, never in the future.' })
  visitedOn?: string;

  @Field(() => [ID], { description: 'Who visited, e.g. the police station and the village committee.' })
  visitorOrganisationIds: string[];

  @Field(() => [LifeAreaFindingInput])
  findings: LifeAreaFindingInput[];

  @Field(() => Boolean, { description: 'The family asked for its information to be pushed (救助信息推送申请).' })
  referralRequested: boolean;

  @Field(() => [ReferralKind], { nullable: true })
  requestedKinds?: ReferralKind[];

  @Field(() => String, { nullable: true })
  note?: string;

  @Field(() => String, { nullable: true, description: 'Send the same key when retrying; the visit is recorded once.' })
  idempotencyKey?: string;
}

@ObjectType()
export class VisitPayload {
  @Field(() => Visit)
  visit: Visit;
}
