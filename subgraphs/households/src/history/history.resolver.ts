import { Arg, Ctx, Field, ID, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { DateScalar, isIsoDate, badInput } from '@doudi/shared';
import { Household } from '../household/household.entity.js';
import { Person, RelationshipToHead, Sex } from '../person/person.entity.js';
import { HukouType, PovertyMonitoringStatus } from '../household/household.facts.js';
import { EmploymentStatus, SchoolingStage, VeteranStatus, WorkAbility } from '../person/person.facts.js';
import { assertReaches } from '../household/household.access.js';
import { getHousehold } from '../household/household.service.js';
import {
  UpdateHouseholdInput,
  UpdatePersonInput,
  updateHousehold,
  updatePerson,
} from '../household/household.update.js';
import { changesOf, historyOf, householdAsOf } from './history.service.js';
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

  @Field(() => String)
  source: string;

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

@ObjectType({ description: 'A member as recorded on a date (personal data masked; health facts are not kept here).' })
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
    assertReaches(principal, 'households:read', await getHousehold(em, id));
    return (await historyOf(em, id)).map((change) => ({
      ...change,
      changes: Object.entries(changesOf(change)).map(([field, { from, to }]) => ({
        field,
        from: asJson(from),
        to: asJson(to),
      })),
    }));
  }

  @Query(() => HouseholdAsOf, {
    description: 'The household and its members as they stood at the end of a day (Asia/Shanghai).',
  })
  async householdAsOf(
    @Arg('id', () => ID) id: string,
    @Arg('date', () => DateScalar) date: string,
    @Ctx() { em, principal }: Context,
  ) {
    if (!isIsoDate(date)) throw badInput('date', 'date must be YYYY-MM-DD');
    assertReaches(principal, 'households:read', await getHousehold(em, id));
    return householdAsOf(em, id, date);
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
