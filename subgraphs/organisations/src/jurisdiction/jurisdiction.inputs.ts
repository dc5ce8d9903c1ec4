import { ArgsType, Field, ID, InputType, ObjectType } from 'type-graphql';
import { OrderInputType, PageArgs, type JurisdictionLevel as Level } from '@doudi/shared';
import { Jurisdiction, JurisdictionLevel } from './jurisdiction.entity.js';

@InputType()
export class CreateJurisdictionInput {
  @Field(() => ID, { description: '12-digit statistical division code.' })
  code: string;

  @Field(() => String)
  name: string;

  @Field(() => ID, { nullable: true, description: 'The code of the division above; omit for a province.' })
  parentCode?: string;

  @Field(() => String, { nullable: true })
  idempotencyKey?: string;
}

@ObjectType()
export class CreateJurisdictionPayload {
  @Field(() => Jurisdiction)
  jurisdiction: Jurisdiction;
}

@InputType({ description: 'The supervision and report hotline a division publishes (监督举报热线).' })
export class SetSupervisionHotlineInput {
  @Field(() => ID)
  jurisdictionCode: string;

  @Field(() => String, {
    nullable: true,
    description: 'A service number (e.g. 12345), a landline with its area code or a mobile; null to use the one above.',
  })
  phone?: string | null;
}

@ObjectType()
export class SetSupervisionHotlinePayload {
  @Field(() => Jurisdiction)
  jurisdiction: Jurisdiction;
}

@InputType()
export class JurisdictionFilter {
  @Field(() => ID, { nullable: true, description: 'Only the direct children of this division.' })
  parentCode?: string;

  @Field(() => [ID], { nullable: true, description: 'Only these codes (at most 1,000), e.g. to check which exist.' })
  codes?: string[];

  @Field(() => ID, { nullable: true, description: 'Only divisions below this one, at any depth (its subtree).' })
  within?: string;

  @Field(() => JurisdictionLevel, { nullable: true })
  level?: Level;

  @Field(() => String, { nullable: true, description: 'Part of the name, e.g. 襄汾.' })
  nameContains?: string;
}

export const JURISDICTION_ORDER_COLUMNS = { CODE: 'code', NAME: 'name' };
export const JurisdictionOrder = OrderInputType('Jurisdiction', JURISDICTION_ORDER_COLUMNS);
export type JurisdictionOrder = InstanceType<typeof JurisdictionOrder>;

@ArgsType()
export class JurisdictionListArgs extends PageArgs {
  @Field(() => JurisdictionFilter, { nullable: true })
  filter?: JurisdictionFilter;

  @Field(() => [JurisdictionOrder], { nullable: true })
  orderBy?: JurisdictionOrder[];
}
