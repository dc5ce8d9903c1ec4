import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * The organisations subgraph's Organisation: referred to by the case's fields, and given `inbox` here (so its key
 * is resolvable in this subgraph, unlike the shared stub).
 */
@ObjectType('Organisation')
@Directive('@key(fields: "id")')
export class OrganisationRef {
  @Field(() => ID)
  id: string;
}

export const organisationRef = (id: string): OrganisationRef => ({ id });
export const optionalOrganisation = (id: string | null): OrganisationRef | null => (id ? { id } : null);
