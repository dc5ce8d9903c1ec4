import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { OrderInputType, PageArgs } from '@doudi/shared';
import { Organisation, OrganisationKind } from './organisation.entity.js';

@InputType()
export class CreateOrganisationInput {
  @Field(() => String)
  name: string;

  @Field(() => OrganisationKind)
  kind: OrganisationKind;

  @Field(() => ID, { description: 'The division the organisation serves.' })
  jurisdictionCode: string;

  @Field(() => String, { nullable: true })
  hotline?: string;

  @Field(() => String, { nullable: true })
  address?: string;

  @Field(() => String, { nullable: true })
  idempotencyKey?: string;
}

@ObjectType()
export class CreateOrganisationPayload {
  @Field(() => Organisation)
  organisation: Organisation;
}

@InputType()
export class OrganisationFilter {
  @Field(() => ID, { nullable: true, description: 'Organisations of this division or any division below it.' })
  jurisdictionCode?: string;

  @Field(() => [OrganisationKind], { nullable: true })
  kinds?: OrganisationKind[];

  @Field(() => String, {
    nullable: true,
    description:
      'Part of the name, e.g. 公安 (case-insensitive; at most 100 characters): a picker searching as one types.',
  })
  nameContains?: string;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: only active organisations; false: only deactivated ones; omit for both.',
  })
  active?: boolean;
}

export const ORGANISATION_ORDER_COLUMNS = {
  NAME: 'name',
  JURISDICTION_CODE: 'jurisdictionCode',
  CREATED_AT: 'createdAt',
};
export const OrganisationOrder = OrderInputType('Organisation', ORGANISATION_ORDER_COLUMNS);
export type OrganisationOrder = InstanceType<typeof OrganisationOrder>;

@ArgsType()
export class OrganisationListArgs extends PageArgs {
  @Field(() => OrganisationFilter, { nullable: true })
  filter?: OrganisationFilter;

  @Field(() => [OrganisationOrder], { nullable: true })
  orderBy?: OrganisationOrder[];
}

@InputType({ description: 'Changes to an organisation; fields left out stay as they are.' })
export class UpdateOrganisationInput {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: 'The version you read; a stale one answers CONFLICT instead of overwriting.' })
  version: number;

  @Field(() => String, { nullable: true })
  name?: string;

  @Field(() => String, { nullable: true })
  hotline?: string;

  @Field(() => String, { nullable: true })
  address?: string;

  @Field(() => String, { nullable: true })
  liaisonName?: string;

  @Field(() => String, { nullable: true })
  liaisonPhone?: string;
}

@InputType()
export class DeactivateOrganisationInput {
  @Field(() => ID)
  id: string;

  @Field(() => String, {
    nullable: true,
    description: 'Why (merged into another office, abolished …), at most 500 characters; kept with the organisation.',
  })
  reason?: string;
}
