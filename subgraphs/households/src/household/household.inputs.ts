import { ArgsType, Field, ID, InputType, ObjectType } from 'type-graphql';
import { DateScalar, OrderInputType, PageArgs } from '@doudi/shared';
import { Household } from './household.entity.js';
import { RelationshipToHead, Sex } from '../person/person.entity.js';

@InputType()
export class PersonInput {
  @Field(() => String)
  name: string;

  @Field(() => Sex)
  sex: Sex;

  @Field(() => DateScalar, { nullable: true })
  birthDate?: string;

  @Field(() => RelationshipToHead)
  relationshipToHead: RelationshipToHead;

  @Field(() => String, { nullable: true, description: '18-character resident ID number (GB 11643); stored sealed.' })
  idNumber?: string;

  @Field(() => String, { nullable: true, description: 'Mobile or landline; stored sealed.' })
  phone?: string;
}

@InputType()
export class CreateHouseholdInput {
  @Field(() => ID, { description: 'Statistical division code of the place the household lives.' })
  jurisdictionCode: string;

  @Field(() => String, { nullable: true })
  address?: string;

  @Field(() => [PersonInput], { description: 'The members; exactly one is the head (relationshipToHead: SELF).' })
  members: PersonInput[];

  @Field(() => String, {
    nullable: true,
    description: 'Send the same key when retrying; the household is created once.',
  })
  idempotencyKey?: string;
}

@ObjectType()
export class CreateHouseholdPayload {
  @Field(() => Household)
  household: Household;
}

@InputType()
export class AddHouseholdMemberInput {
  @Field(() => ID)
  householdId: string;

  @Field(() => PersonInput)
  person: PersonInput;

  @Field(() => String, { nullable: true })
  idempotencyKey?: string;
}

@InputType()
export class HouseholdFilter {
  @Field(() => ID, { nullable: true, description: 'Households living in this jurisdiction or anywhere below it.' })
  jurisdictionCode?: string;
}

export const HOUSEHOLD_ORDER_COLUMNS = { CREATED_AT: 'createdAt', JURISDICTION_CODE: 'jurisdictionCode' };
export const HouseholdOrder = OrderInputType('Household', HOUSEHOLD_ORDER_COLUMNS);
export type HouseholdOrder = InstanceType<typeof HouseholdOrder>;

@ArgsType()
export class HouseholdListArgs extends PageArgs {
  @Field(() => HouseholdFilter, { nullable: true })
  filter?: HouseholdFilter;

  @Field(() => [HouseholdOrder], { nullable: true })
  orderBy?: HouseholdOrder[];
}
