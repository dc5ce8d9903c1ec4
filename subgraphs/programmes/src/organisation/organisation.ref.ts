import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The organisations subgraph's Organisation, to which this subgraph contributes `programmes`. */
@ObjectType('Organisation')
@Directive('@key(fields: "id")')
export class OrganisationRef {
  @Field(() => ID)
  id: string;
}
