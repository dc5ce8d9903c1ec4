import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateScalar, OrderInputType, PageArgs, UPDATED_SINCE_DESCRIPTION } from '@doudi/shared';
import { Household } from './household.entity.js';
import { HukouType } from './household.facts.js';
import {
  DisabilityCategory,
  EmploymentStatus,
  SchoolingStage,
  VeteranStatus,
  WorkAbility,
} from '../person/person.facts.js';
import { RelationshipToHead, Sex } from '../person/person.entity.js';

/** The facts programmes read (issue 4 point 1), shared by registration and update. */
@InputType()
export abstract class PersonFactsInput {
  @Field(() => DisabilityCategory, { nullable: true })
  disabilityCategory?: DisabilityCategory;

  @Field(() => Int, { nullable: true, description: 'Grade 1 (most severe) to 4, as on the certificate.' })
  disabilityGrade?: number;

  @Field(() => Boolean, { nullable: true })
  hasDisabilityCertificate?: boolean;

  @Field(() => Boolean, { nullable: true })
  seriousIllness?: boolean;

  @Field(() => Boolean, { nullable: true })
  chronicIllness?: boolean;

  @Field(() => SchoolingStage, { nullable: true })
  schoolingStage?: SchoolingStage;

  @Field(() => EmploymentStatus, { nullable: true })
  employmentStatus?: EmploymentStatus;

  @Field(() => WorkAbility, { nullable: true })
  workAbility?: WorkAbility;

  @Field(() => VeteranStatus, { nullable: true })
  veteranStatus?: VeteranStatus;

  @Field(() => Boolean, { nullable: true, description: '孤儿 (under 18)' })
  orphan?: boolean;

  @Field(() => Boolean, { nullable: true, description: '事实无人抚养儿童 (under 18)' })
  unattendedChild?: boolean;
}

@InputType()
export class PersonInput extends PersonFactsInput {
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
  @Field(() => ID, { description: 'Statistical division code of the hukou place (户籍地), which decides on relief.' })
  jurisdictionCode: string;

  @Field(() => ID, {
    nullable: true,
    description: 'Where the family lives, if not at its hukou place (relocated families).',
  })
  residenceJurisdictionCode?: string;

  @Field(() => HukouType, { nullable: true })
  hukouType?: HukouType;

  @Field(() => String, {
    nullable: true,
    description: 'Where the facts come from (入户核查, 申请人申报 …); kept in the history.',
  })
  source?: string;

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

  @Field(() => String, { nullable: true, description: 'Where the facts come from; kept in the history.' })
  source?: string;

  @Field(() => String, { nullable: true })
  idempotencyKey?: string;
}

@InputType()
export class HouseholdFilter {
  @Field(() => ID, { nullable: true, description: 'Households living in this jurisdiction or anywhere below it.' })
  jurisdictionCode?: string;

  @Field(() => [ID], { nullable: true, description: 'Only these households (at most 100), for batched lookups.' })
  ids?: string[];

  @Field(() => Date, {
    nullable: true,
    description:
      UPDATED_SINCE_DESCRIPTION +
      ' A household changes with its own record and whenever a member, income, asset, consent or support obligor of ' +
      'it is added, changed, exits or is removed (by hand, import or data push). Households are never deleted or ' +
      'merged. One whose residence moves out of your jurisdiction, its hukou place not in it, leaves your reach and ' +
      'is no longer answered here: householdRemovals(since) lists those, to drop from your copy.',
  })
  updatedSince?: Date;
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
