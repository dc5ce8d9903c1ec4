import { Field, ID, InputType, Int } from 'type-graphql';
import { DateScalar } from '@doudi/shared';
import { DeclineReason } from './referral.enums.js';

/** What every step on a referral names: the referral, and the version read (a stale one answers CONFLICT). */
@InputType()
class ReferralStepInput {
  @Field(() => ID)
  referralId: string;

  @Field(() => Int, { description: 'The referral version you read; a stale one answers CONFLICT.' })
  version: number;
}
const TODAY = { nullable: true, description: 'Default today, never in the future.' };

@InputType({ description: 'The receiver starts its procedure (启动救助程序).' })
export class AcceptReferralInput extends ReferralStepInput {
  @Field(() => DateScalar, TODAY)
  acceptedOn?: string;
}

@InputType({ description: 'The receiver refuses, with a reason: that is its written answer.' })
export class DeclineReferralInput extends ReferralStepInput {
  @Field(() => DateScalar, TODAY)
  declinedOn?: string;

  @Field(() => DeclineReason)
  reason: DeclineReason;

  @Field(() => String)
  explanation: string;
}

@InputType({
  description: 'The receiver passes the referral on to the responsible organisation (襄政办发〔2023〕26号 七(四)).',
})
export class ForwardReferralInput extends ReferralStepInput {
  @Field(() => DateScalar, TODAY)
  forwardedOn?: string;

  @Field(() => ID)
  toOrganisationId: string;

  @Field(() => String, { nullable: true })
  reason?: string;
}

@InputType({
  description: '晋检发办字〔2023〕10号 第二十一条: the receiver concluded its procedure and must now report back.',
})
export class ConcludeReferralInput extends ReferralStepInput {
  @Field(() => DateScalar, TODAY)
  concludedOn?: string;
}

@InputType({ description: 'The receiver’s written answer: the measures taken or planned, or why help was refused.' })
export class AnswerReferralInput extends ReferralStepInput {
  @Field(() => DateScalar, TODAY)
  answeredOn?: string;

  @Field(() => [String])
  measuresTaken: string[];

  @Field(() => String, { nullable: true })
  refusalReason?: string;

  @Field(() => [ID], { nullable: true, description: 'Benefits (programmes) granted in answer.' })
  benefitIds?: string[];

  @Field(() => String, {
    nullable: true,
    description: 'Read only by the receiver and those who may read sensitive facts (e.g. medical details).',
  })
  confidentialNote?: string;
}

@InputType({ description: 'The sender filed the answer (回执, 襄政办发〔2023〕26号 七(五)).' })
export class AcknowledgeReceiptInput extends ReferralStepInput {
  @Field(() => DateScalar, TODAY)
  receivedOn?: string;
}
