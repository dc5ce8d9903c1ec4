import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The organisations subgraph's Jurisdiction, to which this subgraph contributes `programmes`. */
@ObjectType('Jurisdiction')
@Directive('@key(fields: "code")')
export class JurisdictionRef {
  @Field(() => ID, { description: '12-digit statistical division code.' })
  code: string;
}
