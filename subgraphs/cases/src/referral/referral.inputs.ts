import { ArgsType, Field, ID, InputType, ObjectType } from 'type-graphql';
import { DateScalar, OrderInputType, PageArgs } from '@doudi/shared';
import { Referral, ReferralKind, ReferralStatus } from './referral.entity.js';

@InputType()
export class CreateReferralInput {
  @Field(() => ID)
  caseId: string;

  @Field(() => ID)
  fromOrganisationId: string;

  @Field(() => ID)
  toOrganisationId: string;

  @Field(() => ReferralKind)
  kind: ReferralKind;

  @Field(() => String, { nullable: true })
  note?: string;

  @Field(() => DateScalar, { nullable: true })
  dueDate?: string;

  @Field(() => String, { nullable: true })
  idempotencyKey?: string;
}

@ObjectType()
export class CreateReferralPayload {
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
}

export const REFERRAL_ORDER_COLUMNS = { CREATED_AT: 'createdAt', DUE_DATE: 'dueDate' };
export const ReferralOrder = OrderInputType('Referral', REFERRAL_ORDER_COLUMNS);
export type ReferralOrder = InstanceType<typeof ReferralOrder>;

@ArgsType()
export class ReferralListArgs extends PageArgs {
  @Field(() => ReferralFilter, { nullable: true })
  filter?: ReferralFilter;

  @Field(() => [ReferralOrder], { nullable: true })
  orderBy?: ReferralOrder[];
}
