import { Arg, Ctx, Field, ID, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { assertDate, DateScalar } from '@doudi/shared';
import { Household } from '../household/household.entity.js';
import { Person, RelationshipToHead, Sex } from '../person/person.entity.js';
import { HukouType, PovertyMonitoringStatus } from '../household/household.facts.js';
import { EmploymentStatus, SchoolingStage, VeteranStatus, WorkAbility } from '../person/person.facts.js';
import { assertReaches } from '../household/household.access.js';
import { PersonHealth } from '../person/person.resolver.js';
import { getHousehold } from '../household/household.service.js';
import {
  UpdateHouseholdInput,
  UpdatePersonInput,
  updateHousehold,
  updatePerson,
} from '../household/household.update.js';
import { changesOf, historyOf, householdAsOf } from './history.service.js';
import { HEALTH_FIELDS, mayRead, shownValue, visibleFields } from '../person/person.privacy.js';
import type { Context } from '../context.js';

@ObjectType()
export class FieldChange {
  @Field(() => String)
  field: string;

  @Field(() => String, { nullable: true, description: 'The old value, as JSON; null when the record was created.' })
  from: string | null;

  @Field(() => String, { nullable: true, description: 'The new value, as JSON.' })
  to: string | null;
}

@ObjectType({ description: 'One recorded change to a household or one of its members.' })
export class HouseholdChangeRecord {
  @Field(() => String, { description: 'Household or Person.' })
  entityType: string;

  @Field(() => ID)
  entityId: string;

  @Field(() => Date)
  changedAt: Date;

  @Field(() => ID, { nullable: true, description: 'The staff account or app that made the change.' })
  changedById: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The organisation of that account (for a push: the office that pushed).',
  })
  changedByOrganisationId: string | null;

  @Field(() => String)
  source: string;

  @Field(() => DateScalar, {
    nullable: true,
    description: "The date of the data, when a department's push made the change (河鱼府发【2021】39号 二(四)).",
  })
  asOf: string | null;

  @Field(() => ID, { nullable: true, description: 'The department push (DataPush) that made the change.' })
  dataPushId: string | null;

  @Field(() => [FieldChange])
  changes: FieldChange[];
}

@ObjectType({ description: 'A household as it stood on a date.' })
export class HouseholdSnapshot {
  @Field(() => ID)
  id: string;

  @Field(() => ID, { description: 'The hukou place code.' })
  jurisdictionCode: string;

  @Field(() => ID, { nullable: true })
  residenceJurisdictionCode: string | null;

  @Field(() => HukouType, { nullable: true })
  hukouType: HukouType | null;

  @Field(() => String, { nullable: true })
  address: string | null;

  @Field(() => PovertyMonitoringStatus)
  povertyMonitoringStatus: PovertyMonitoringStatus;

  @Field(() => Date, { description: 'When this state was recorded.' })
  changedAt: Date;
}

@ObjectType({
  description: 'A member as recorded on a date (personal data masked; health facts only to those who may read them).',
})
export class PersonSnapshot {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  name: string;

  @Field(() => Sex)
  sex: Sex;

  @Field(() => DateScalar, { nullable: true })
  birthDate: string | null;

  @Field(() => RelationshipToHead)
  relationshipToHead: RelationshipToHead;

  @Field(() => String, { nullable: true })
  idNumberMasked: string | null;

  @Field(() => SchoolingStage, { nullable: true })
  schoolingStage: SchoolingStage | null;

  @Field(() => EmploymentStatus, { nullable: true })
  employmentStatus: EmploymentStatus | null;

  @Field(() => WorkAbility, { nullable: true })
  workAbility: WorkAbility | null;

  @Field(() => VeteranStatus)
  veteranStatus: VeteranStatus;

  @Field(() => Boolean)
  orphan: boolean;

  @Field(() => Boolean)
  unattendedChild: boolean;

  @Field(() => PersonHealth, {
    nullable: true,
    description: 'As recorded that day; null unless your role may read sensitive facts (as Person.health).',
  })
  health: PersonHealth | null;

  @Field(() => Date)
  changedAt: Date;
}

@ObjectType()
export class HouseholdAsOf {
  @Field(() => DateScalar)
  date: string;

  @Field(() => HouseholdSnapshot)
  household: HouseholdSnapshot;

  @Field(() => [PersonSnapshot])
  members: PersonSnapshot[];
}

@ObjectType()
export class UpdateHouseholdPayload {
  @Field(() => Household)
  household: Household;
}

@ObjectType()
export class UpdatePersonPayload {
  @Field(() => Person)
  person: Person;
}

const asJson = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

@Resolver()
export class HouseholdHistoryResolver {
  @Query(() => [HouseholdChangeRecord], {
    description: 'Every recorded change to a household and its members, oldest first.',
  })
  async householdHistory(@Arg('id', () => ID) id: string, @Ctx() { em, principal }: Context) {
    const household = await getHousehold(em, id);
    assertReaches(principal, 'households:read', household);
    // Each field under the same rule as the field itself (person.privacy.ts): a change of a fact the caller
    // may not read is left out, and a record that changed nothing else is left out with it.
    return (await historyOf(em, id)).flatMap((change) => {
      const changes = Object.entries(changesOf(change))
        .filter(([field]) => mayRead(principal, household, field))
        .map(([field, { from, to }]) => ({
          field,
          from: asJson(shownValue(field, from)),
          to: asJson(shownValue(field, to)),
        }));
      return changes.length ? [{ ...change, changes }] : [];
    });
  }

  @Query(() => HouseholdAsOf, {
    description: 'The household and its members as they stood at the end of a day (Asia/Shanghai).',
  })
  async householdAsOf(
    @Arg('id', () => ID) id: string,
    @Arg('date', () => DateScalar) date: string,
    @Ctx() { em, principal }: Context,
  ) {
    assertDate('date', date);
    const household = await getHousehold(em, id);
    assertReaches(principal, 'households:read', household);
    const asOf = await householdAsOf(em, id, date);
    return {
      ...asOf,
      household: visibleFields(principal, household, asOf.household),
      members: asOf.members.map((member) => {
        const visible: Record<string, unknown> = visibleFields(principal, household, member);
        const health = HEALTH_FIELDS.every((field) => field in visible)
          ? Object.fromEntries(HEALTH_FIELDS.map((field) => [field, visible[field] ?? null]))
          : null;
        return { ...visible, health };
      }),
    };
  }

  @Mutation(() => UpdateHouseholdPayload, {
    description: 'Changes a household’s facts; the old values stay in its history.',
  })
  async updateHousehold(
    @Arg('input', () => UpdateHouseholdInput) input: UpdateHouseholdInput,
    @Ctx() { em, principal }: Context,
  ) {
    return { household: await updateHousehold(em, principal, input) };
  }

  @Mutation(() => UpdatePersonPayload, { description: 'Changes a member’s facts; the old values stay in the history.' })
  async updatePerson(
    @Arg('input', () => UpdatePersonInput) input: UpdatePersonInput,
    @Ctx() { em, principal, services }: Context,
  ) {
    return { person: await updatePerson(em, principal, services.vault, input) };
  }
}
