import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The households subgraph's Household, to which this subgraph contributes `benefits` and `eligibility`. */
@ObjectType('Household')
@Directive('@key(fields: "id")')
export class HouseholdRef {
  @Field(() => ID)
  id: string;
}

/** The households subgraph's Person, to which this subgraph contributes `benefits`. */
@ObjectType('Person')
@Directive('@key(fields: "id")')
export class PersonRef {
  @Field(() => ID)
  id: string;
}
