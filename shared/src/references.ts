import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * Stubs of entities owned by the organisations subgraph, for fields that point at them. The gateway
 * resolves the rest of their fields from their owner.
 */
@ObjectType('Jurisdiction')
@Directive('@key(fields: "code", resolvable: false)')
export class JurisdictionRef {
  @Field(() => ID, { description: '12-digit statistical division code.' })
  code: string;
}

@ObjectType('Organisation')
@Directive('@key(fields: "id", resolvable: false)')
export class OrganisationRef {
  @Field(() => ID)
  id: string;
}

export const jurisdictionRef = (code: string): JurisdictionRef => ({ code });
export const organisationRef = (id: string): OrganisationRef => ({ id });
