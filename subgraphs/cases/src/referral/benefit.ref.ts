import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The programmes subgraph's Benefit: relief granted in answer to a referral. */
@ObjectType('Benefit')
@Directive('@key(fields: "id", resolvable: false)')
export class BenefitRef {
  @Field(() => ID)
  id: string;
}
