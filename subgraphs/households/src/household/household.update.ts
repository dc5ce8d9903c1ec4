import { OptimisticLockError, type EntityManager } from '@mikro-orm/postgresql';
import { Field, ID, InputType, Int } from 'type-graphql';
import {
  assertJurisdictionCode,
  assertVersion,
  badInput,
  conflict,
  DateScalar,
  isIsoDate,
  maskPhone,
  normalisePhone,
  optionalText,
  requiredPlainText,
  type Principal,
  shanghaiDate,
} from '@doudi/shared';
import { type PersonalDataVault } from '@doudi/shared';
import { HukouType, PovertyMonitoringStatus } from './household.facts.js';
import { PersonFactsInput } from './household.inputs.js';
import { TEXT_LIMITS } from './household.limits.js';
import { assertReaches } from './household.access.js';
import { getHousehold, sourceOf } from './household.service.js';
import { recordChange, snapshotOf } from '../history/history.service.js';
import { getPerson, validateFacts } from '../person/person.service.js';
import { RelationshipToHead } from '../person/person.entity.js';

@InputType({
  description: 'Changes to a household; fields left out stay as they are. Every change is kept in its history.',
})
export class UpdateHouseholdInput {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: 'The version you read; a stale one answers CONFLICT.' })
  version: number;

  @Field(() => String, { nullable: true })
  address?: string;

  @Field(() => ID, {
    nullable: true,
    description: 'Where the family now lives (its hukou place if it has moved back).',
  })
  residenceJurisdictionCode?: string;

  @Field(() => HukouType, { nullable: true })
  hukouType?: HukouType;

  @Field(() => PovertyMonitoringStatus, {
    nullable: true,
    description: 'Needs povertyMonitoringSource and povertyMonitoringSince.',
  })
  povertyMonitoringStatus?: PovertyMonitoringStatus;

  @Field(() => String, { nullable: true })
  povertyMonitoringSource?: string;

  @Field(() => DateScalar, { nullable: true })
  povertyMonitoringSince?: string;

  @Field(() => String, { nullable: true, description: 'Where the facts come from; kept in the history.' })
  source?: string;
}

@InputType({
  description: 'Changes to a person; fields left out stay as they are. Every change is kept in the history.',
})
export class UpdatePersonInput extends PersonFactsInput {
  @Field(() => ID)
  id: string;

  @Field(() => Int)
  version: number;

  @Field(() => String, { nullable: true })
  name?: string;

  @Field(() => RelationshipToHead, { nullable: true })
  relationshipToHead?: RelationshipToHead;

  @Field(() => String, { nullable: true })
  phone?: string;

  @Field(() => String, { nullable: true })
  source?: string;
}

/** Flushes an update; a concurrent one that got there first answers CONFLICT instead of being overwritten. */
async function flushUpdate(em: EntityManager, type: string, id: string) {
  try {
    await em.flush();
  } catch (error) {
    if (error instanceof OptimisticLockError)
      throw conflict(`${type} ${id} was changed by someone else just now`, { field: 'input.version' });
    throw error;
  }
}

export async function updateHousehold(em: EntityManager, principal: Principal, input: UpdateHouseholdInput) {
  const household = await getHousehold(em, input.id);
  assertReaches(principal, 'households:write', household);
  assertVersion(household, input.version, 'Household');
  const before = snapshotOf(household);
  if (input.address !== undefined)
    household.address = optionalText('input.address', input.address, TEXT_LIMITS.address, 'An address');
  if (input.hukouType) household.hukouType = input.hukouType;
  if (input.residenceJurisdictionCode) {
    const residence = assertJurisdictionCode('input.residenceJurisdictionCode', input.residenceJurisdictionCode);
    household.residenceJurisdictionCode = residence === household.jurisdictionCode ? null : residence;
  }
  if (input.povertyMonitoringStatus) {
    // Pushed by agriculture and rural affairs: recorded with its source and date (issue 4 point 1).
    const since = input.povertyMonitoringSince;
    if (!since || !isIsoDate(since) || since > shanghaiDate()) {
      throw badInput(
        'input.povertyMonitoringSince',
        'A monitoring status needs the date it was set, not in the future',
      );
    }
    household.povertyMonitoringStatus = input.povertyMonitoringStatus;
    household.povertyMonitoringSource = requiredPlainText(
      'input.povertyMonitoringSource',
      input.povertyMonitoringSource,
      TEXT_LIMITS.source,
      'A source',
    );
    household.povertyMonitoringSince = since;
  }
  recordChange(em, principal, sourceOf(input.source), household, before);
  await flushUpdate(em, 'Household', household.id);
  return household;
}

export async function updatePerson(
  em: EntityManager,
  principal: Principal,
  vault: PersonalDataVault,
  input: UpdatePersonInput,
) {
  const person = await getPerson(em, input.id);
  assertReaches(principal, 'households:write', await getHousehold(em, person.householdId));
  assertVersion(person, input.version, 'Person');
  const before = snapshotOf(person);
  if (input.name !== undefined) person.name = requiredPlainText('input.name', input.name, TEXT_LIMITS.name, 'A name');
  if (input.relationshipToHead) person.relationshipToHead = input.relationshipToHead;
  if (input.phone !== undefined) {
    const phone = input.phone ? normalisePhone('input.phone', input.phone) : null;
    person.phoneSealed = phone && vault.encrypt(phone);
    person.phoneMasked = phone && maskPhone(phone);
  }
  const today = shanghaiDate();
  Object.assign(person, validateFacts({ ...person, ...withoutUndefined(input) }, 'input', person.birthDate, today));
  recordChange(em, principal, sourceOf(input.source), person, before);
  await flushUpdate(em, 'Person', person.id);
  return person;
}

const withoutUndefined = <T extends object>(value: T) =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
