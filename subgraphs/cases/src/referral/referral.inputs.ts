import { ArgsType, Field, ID, InputType, ObjectType } from 'type-graphql';
import { DateScalar, OrderInputType, PageArgs, UPDATED_SINCE_DESCRIPTION } from '@doudi/shared';
import { Referral, ReferralKind, ReferralStatus } from './referral.entity.js';

@InputType({
  description: '晋检发办字〔2023〕10号 第十九条: sent before the investigation ends, for an urgent and proper need.',
})
export class EarlyReferralInput {
  @Field(() => String, { description: 'Why it cannot wait (先行移送的理由).' })
  reason: string;
}

@InputType()
export class CreateReferralInput {
  @Field(() => ID)
  caseId: string;

  @Field(() => ID)
  fromOrganisationId: string;

  @Field(() => ID, { description: 'May be in another jurisdiction; the due date still follows the case’s.' })
  toOrganisationId: string;

  @Field(() => ReferralKind)
  kind: ReferralKind;

  @Field(() => [String], { nullable: true, description: 'The measures the sender suggests.' })
  requestedMeasures?: string[];

  @Field(() => String, { nullable: true })
  note?: string;

  @Field(() => DateScalar, { nullable: true, description: 'Default today, never in the future.' })
  sentOn?: string;

  @Field(() => EarlyReferralInput, {
    nullable: true,
    description: 'Required on a judicial-assistance case whose investigation is not concluded yet.',
  })
  early?: EarlyReferralInput;

  @Field(() => Boolean, {
    nullable: true,
    description:
      '晋检发办字〔2023〕10号 第二十条: life in danger or urgent medical cost; the procuratorate may pay first.',
  })
  emergency?: boolean;

  @Field(() => DateScalar, {
    nullable: true,
    description:
      'A due date agreed otherwise. Left out (the usual case), it is counted from the jurisdiction’s time limits.',
  })
  dueDate?: string;

  @Field(() => String, { nullable: true, description: 'Send the same key when retrying; the referral is made once.' })
  idempotencyKey?: string;
}

@ObjectType()
export class CreateReferralPayload {
  @Field(() => Referral)
  referral: Referral;
}

@ObjectType()
export class ReferralPayload {
  @Field(() => Referral)
  referral: Referral;
}

@InputType()
export class ReferralFilter {
  @Field(() => ID, { nullable: true, description: 'Referrals sent to this organisation.' })
  toOrganisationId?: string;

  @Field(() => ID, { nullable: true, description: 'Referrals sent by this organisation.' })
  fromOrganisationId?: string;

  @Field(() => [ReferralStatus], { nullable: true })
  statuses?: ReferralStatus[];

  @Field(() => Date, {
    nullable: true,
    description:
      UPDATED_SINCE_DESCRIPTION +
      ' A referral changes when it is accepted, declined, forwarded, answered or receipted, or its due date moves; ' +
      'an app keeping its inbox in step syncs with toOrganisationId (what it must answer) and fromOrganisationId ' +
      '(the answers to what it sent). Referrals are never deleted: a declined or forwarded one comes with its status.',
  })
  updatedSince?: Date;
}

export const REFERRAL_ORDER_COLUMNS = { CREATED_AT: 'createdAt', DUE_DATE: 'dueDate', SENT_ON: 'sentOn' };
export const ReferralOrder = OrderInputType('Referral', REFERRAL_ORDER_COLUMNS);
export type ReferralOrder = InstanceType<typeof ReferralOrder>;

@ArgsType()
export class ReferralListArgs extends PageArgs {
  @Field(() => ReferralFilter, { nullable: true })
  filter?: ReferralFilter;

  @Field(() => [ReferralOrder], { nullable: true })
  orderBy?: ReferralOrder[];
}
