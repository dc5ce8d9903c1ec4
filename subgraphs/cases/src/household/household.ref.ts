import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The households subgraph's Household, to which this subgraph contributes `cases`. */
@ObjectType('Household')
@Directive('@key(fields: "id")')
export class HouseholdRef {
  @Field(() => ID)
  id: string;
}
