import { ArgsType, Field, ID, InputType, ObjectType } from 'type-graphql';
import { OrderInputType, PageArgs } from '@doudi/shared';
import { Programme } from './programme.entity.js';
import { ProgrammeKind } from './programme-kind.js';

@InputType()
export class CreateProgrammeInput {
  @Field(() => String)
  name: string;

  @Field(() => ProgrammeKind)
  kind: ProgrammeKind;

  @Field(() => String, { nullable: true })
  description?: string;

  @Field(() => ID, { description: 'The division whose residents the programme serves.' })
  jurisdictionCode: string;

  @Field(() => ID, { description: 'The organisation responsible for the programme.' })
  organisationId: string;

  @Field(() => Boolean, { nullable: true, description: 'Publish it as a template for the divisions below.' })
  isTemplate?: boolean;

  @Field(() => ID, {
    nullable: true,
    description: 'The template (of a division above, same kind) whose settings it inherits where it sets none.',
  })
  templateId?: string;

  @Field(() => String, { nullable: true })
  idempotencyKey?: string;
}

@ObjectType()
export class CreateProgrammePayload {
  @Field(() => Programme)
  programme: Programme;
}

@InputType()
export class ProgrammeFilter {
  @Field(() => [ProgrammeKind], { nullable: true })
  kinds?: ProgrammeKind[];

  @Field(() => ID, { nullable: true, description: 'Programmes of this division or any division below it.' })
  jurisdictionCode?: string;

  @Field(() => ID, { nullable: true })
  organisationId?: string;

  @Field(() => Boolean, { nullable: true, description: 'Only templates (true) or only programmes (false).' })
  isTemplate?: boolean;
}

export const PROGRAMME_ORDER_COLUMNS = { NAME: 'name', JURISDICTION_CODE: 'jurisdictionCode', CREATED_AT: 'createdAt' };
export const ProgrammeOrder = OrderInputType('Programme', PROGRAMME_ORDER_COLUMNS);
export type ProgrammeOrder = InstanceType<typeof ProgrammeOrder>;

@ArgsType()
export class ProgrammeListArgs extends PageArgs {
  @Field(() => ProgrammeFilter, { nullable: true })
  filter?: ProgrammeFilter;

  @Field(() => [ProgrammeOrder], { nullable: true })
  orderBy?: ProgrammeOrder[];
}
