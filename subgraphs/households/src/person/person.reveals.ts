import { Ctx, Field, FieldResolver, ID, ObjectType, Resolver, Root } from 'type-graphql';
import { Household } from '../household/household.entity.js';
import { reaches } from '../household/household.access.js';
import { PersonalDataField } from './person.service.js';
import type { Context } from '../context.js';
import type { AuditRow } from './person.loaders.js';

@ObjectType({ description: 'One reveal of a member’s ID or phone number in full, as the audit log keeps it.' })
export class PersonalDataReveal {
  @Field(() => Date)
  at: Date;

  @Field(() => ID, { description: 'The member whose number was shown.' })
  personId: string;

  @Field(() => PersonalDataField)
  field: PersonalDataField;

  @Field(() => String, { description: 'The purpose stated.' })
  purpose: string;

  @Field(() => String, { description: 'STAFF or CLIENT.' })
  actorKind: string;

  @Field(() => ID, { nullable: true, description: 'The staff account or app that saw it.' })
  actorId: string | null;

  @Field(() => ID, { nullable: true, description: 'The organisation it acted for.' })
  organisationId: string | null;
}

const revealOf = (row: AuditRow): PersonalDataReveal => ({
  at: new Date(row.at),
  personId: row.entity_id,
  field: row.action === 'REVEAL_PHONE' ? PersonalDataField.PHONE : PersonalDataField.ID_NUMBER,
  purpose: row.purpose ?? '',
  actorKind: row.actor_kind,
  actorId: row.actor_id,
  organisationId: row.organisation_id,
});

@Resolver(() => Household)
export class HouseholdRevealsResolver {
  /**
   * The console's household page shows who saw a number in full and why, so the family's caseworkers and
   * supervisors can check each reveal; only those who may reveal (and so know why one is made) read it.
   */
  @FieldResolver(() => [PersonalDataReveal], {
    nullable: true,
    description:
      'Who saw a member’s ID or phone number in full, when and for what purpose (the audit log), most recent first, at most 200; null unless your role may reveal them for this household.',
  })
  async reveals(@Root() household: Household, @Ctx() { principal, loaders }: Context) {
    if (!reaches(principal, 'personal-data:reveal', household)) return null;
    return (await loaders.reveals.load(household.id)).map(revealOf);
  }
}
