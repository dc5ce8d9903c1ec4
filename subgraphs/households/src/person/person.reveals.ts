import { Ctx, Field, FieldResolver, ID, ObjectType, Resolver, Root } from 'type-graphql';
import { auditSchema } from '@doudi/shared';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Household } from '../household/household.entity.js';
import { reaches } from '../household/household.access.js';
import { Person } from './person.entity.js';
import { PersonalDataField } from './person.service.js';
import type { Context } from '../context.js';

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

interface AuditRow {
  at: Date;
  entity_id: string;
  action: string;
  purpose: string | null;
  actor_kind: string;
  actor_id: string | null;
  organisation_id: string | null;
}

/** The audit log's reveals of these members, most recent first (the table is append-only; reading it is allowed). */
async function revealsOf(em: EntityManager, personIds: string[]): Promise<PersonalDataReveal[]> {
  if (!personIds.length) return [];
  const rows: AuditRow[] = await em.getConnection().execute(
    `select at, entity_id, action, purpose, actor_kind, actor_id, organisation_id
       from "${auditSchema('households')}".audit_event
      where entity_type = 'Person' and action in ('REVEAL_ID_NUMBER', 'REVEAL_PHONE')
        and entity_id in (${personIds.map(() => '?').join(', ')})
      order by id desc limit 200`,
    personIds,
  );
  return rows.map((row) => ({
    at: new Date(row.at),
    personId: row.entity_id,
    field: row.action === 'REVEAL_PHONE' ? PersonalDataField.PHONE : PersonalDataField.ID_NUMBER,
    purpose: row.purpose ?? '',
    actorKind: row.actor_kind,
    actorId: row.actor_id,
    organisationId: row.organisation_id,
  }));
}

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
  async reveals(@Root() household: Household, @Ctx() { em, principal }: Context) {
    if (!reaches(principal, 'personal-data:reveal', household)) return null;
    const members = await em.find(Person, { householdId: household.id }, { fields: ['id'] });
    return revealsOf(
      em,
      members.map((m) => m.id),
    );
  }
}
