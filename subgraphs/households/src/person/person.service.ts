import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import {
  assertId,
  badInput,
  conflict,
  isIsoDate,
  maskIdNumber,
  maskPhone,
  normalisePhone,
  notFound,
  parseIdNumber,
  recordAudit,
  requiredText,
  requirePermission,
  type PersonalDataVault,
  type Principal,
  shanghaiDate,
} from '@doudi/shared';
import { Person, type RelationshipToHead, type Sex } from './person.entity.js';
import type { PersonInput } from '../household/household.inputs.js';
import { Household } from '../household/household.entity.js';
import { assertReaches } from '../household/household.access.js';

export interface ValidPerson {
  name: string;
  sex: Sex;
  birthDate: string | null;
  relationshipToHead: RelationshipToHead;
  idNumber: string | null;
  phone: string | null;
  facts?: PersonFacts;
}

/** The facts programmes read (issue 4 point 1); absent ones keep their defaults. */
export type PersonFacts = Partial<
  Pick<
    Person,
    | 'disabilityCategory'
    | 'disabilityGrade'
    | 'hasDisabilityCertificate'
    | 'seriousIllness'
    | 'chronicIllness'
    | 'schoolingStage'
    | 'employmentStatus'
    | 'workAbility'
    | 'veteranStatus'
    | 'orphan'
    | 'unattendedChild'
  >
>;

const FACT_FIELDS = [
  'disabilityCategory',
  'disabilityGrade',
  'hasDisabilityCertificate',
  'seriousIllness',
  'chronicIllness',
  'schoolingStage',
  'employmentStatus',
  'workAbility',
  'veteranStatus',
  'orphan',
  'unattendedChild',
] as const;

const ageOn = (birthDate: string, day: string) =>
  Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4)) - (day.slice(5) < birthDate.slice(5) ? 1 : 0);

/** Checks the facts that depend on each other: a grade needs a category; orphans are children. */
export function validateFacts(input: PersonFacts, field: string, birthDate: string | null, today: string): PersonFacts {
  const facts: PersonFacts = {};
  for (const key of FACT_FIELDS) {
    if (input[key] !== undefined && input[key] !== null) (facts as Record<string, unknown>)[key] = input[key];
  }
  if (facts.disabilityGrade !== undefined && facts.disabilityGrade !== null) {
    if (!Number.isInteger(facts.disabilityGrade) || facts.disabilityGrade < 1 || facts.disabilityGrade > 4) {
      throw badInput(`${field}.disabilityGrade`, 'A disability grade is 1 (most severe) to 4');
    }
    if (!facts.disabilityCategory)
      throw badInput(`${field}.disabilityCategory`, 'A disability grade needs its category');
  }
  for (const childOnly of ['orphan', 'unattendedChild'] as const) {
    if (facts[childOnly] && birthDate !== null && ageOn(birthDate, today) >= 18) {
      throw badInput(`${field}.${childOnly}`, `${childOnly} applies to children under 18 only`);
    }
  }
  return facts;
}

/** Checks one person of an input; an ID number must agree with the birth date and sex given beside it. */
export function validatePerson(person: PersonInput, field: string, today = shanghaiDate()): ValidPerson {
  const name = requiredText(`${field}.name`, person.name, 50, 'A name');
  let birthDate = person.birthDate ?? null;
  if (birthDate !== null) {
    if (!isIsoDate(birthDate)) throw badInput(`${field}.birthDate`, 'birthDate must be a real date, YYYY-MM-DD');
    if (birthDate > today) throw badInput(`${field}.birthDate`, 'birthDate cannot be in the future');
    if (birthDate < '1880-01-01') throw badInput(`${field}.birthDate`, 'birthDate is implausibly early');
  }
  let idNumber: string | null = null;
  if (person.idNumber) {
    const facts = parseIdNumber(`${field}.idNumber`, person.idNumber, today);
    if (birthDate !== null && birthDate !== facts.birthDate) {
      // No value in the message: the birth date is the part of an ID number its masked form hides.
      throw badInput(`${field}.birthDate`, 'birthDate differs from the one in the ID number');
    }
    if (person.sex !== facts.sex) throw badInput(`${field}.sex`, 'sex differs from the one in the ID number');
    birthDate = facts.birthDate;
    idNumber = facts.value;
  }
  const phone = person.phone ? normalisePhone(`${field}.phone`, person.phone) : null;
  const facts = validateFacts(person, field, birthDate, today);
  return { name, sex: person.sex, birthDate, relationshipToHead: person.relationshipToHead, idNumber, phone, facts };
}

/** The person as stored: personal data sealed, a keyed hash to find it, a masked form to show. */
export function sealPerson(vault: PersonalDataVault, householdId: string, person: ValidPerson): Person {
  const { idNumber, phone, facts, ...plain } = person;
  return Object.assign(new Person(), {
    ...plain,
    ...facts,
    householdId,
    idNumberSealed: idNumber && vault.encrypt(idNumber),
    idNumberHash: idNumber && vault.lookupHash(idNumber),
    idNumberMasked: idNumber && maskIdNumber(idNumber),
    phoneSealed: phone && vault.encrypt(phone),
    phoneMasked: phone && maskPhone(phone),
  });
}

/** What the idempotency fingerprint may keep of a person: personal data only as keyed hashes. */
export function fingerprintOf(vault: PersonalDataVault, person: ValidPerson) {
  return {
    ...person,
    idNumber: person.idNumber && vault.lookupHash(person.idNumber),
    phone: person.phone && vault.lookupHash(person.phone),
  };
}

/**
 * One person per ID number (issue 4): a number twice in the same input is a mistake in the input; a
 * number already registered is a CONFLICT naming the record, so the caseworker finds the family.
 */
export async function assertNewIdNumbers(
  em: EntityManager,
  vault: PersonalDataVault,
  people: { field: string; idNumber: string | null }[],
) {
  const seen = new Map<string, string>();
  for (const { field, idNumber } of people) {
    if (!idNumber) continue;
    if (seen.has(idNumber))
      throw badInput(`${field}.idNumber`, `The same ID number is given for ${seen.get(idNumber)} too`);
    seen.set(idNumber, field);
  }
  if (!seen.size) return;
  const existing = await em.findOne(Person, {
    idNumberHash: { $in: [...seen.keys()].map((n) => vault.lookupHash(n)) },
  });
  if (existing) throw duplicateIdNumber(existing.id, existing.householdId);
}

const duplicateIdNumber = (personId?: string, householdId?: string) =>
  conflict('A person with this ID number is already registered', {
    existingPersonId: personId,
    existingHouseholdId: householdId,
  });

/** Runs a write that adds people; two concurrent writes of one ID number meet the unique index. */
export async function withUniqueIdNumbers<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException && /id_number_hash/.test(error.message))
      throw duplicateIdNumber();
    throw error;
  }
}

export async function getPerson(em: EntityManager, id: string): Promise<Person> {
  const person = await em.findOne(Person, { id: assertId('id', id) });
  if (!person) throw notFound('Person', id);
  return person;
}

async function householdOf(em: EntityManager, person: Person) {
  return em.findOneOrFail(Household, { id: person.householdId });
}

export enum PersonalDataField {
  ID_NUMBER = 'ID_NUMBER',
  PHONE = 'PHONE',
}

/**
 * Shows one piece of personal data in full to a permitted role, for a stated purpose, and records it in
 * the append-only audit log in the same transaction (DESIGN §6; seed 000 八(五), seed 001 第二十四条).
 */
export async function revealPersonalData(
  em: EntityManager,
  principal: Principal,
  vault: PersonalDataVault,
  input: { personId: string; field: PersonalDataField; purpose: string },
): Promise<string | null> {
  requirePermission(principal, 'personal-data:reveal');
  const purpose = requiredText('input.purpose', input.purpose, 200, 'A purpose');
  if (purpose.length < 4) throw badInput('input.purpose', 'State the purpose in a few words');
  const person = await getPerson(em, input.personId);
  assertReaches(principal, 'personal-data:reveal', await householdOf(em, person));
  const sealed = input.field === PersonalDataField.ID_NUMBER ? person.idNumberSealed : person.phoneSealed;
  return em.transactional(async (tx) => {
    await recordAudit(tx, 'households', principal, {
      action: `REVEAL_${input.field}`,
      entityType: 'Person',
      entityId: person.id,
      purpose,
    });
    return sealed && vault.decrypt(sealed);
  });
}

/** Finds a person by the full ID number (the searcher already holds it); the search itself is audited. */
export async function personByIdNumber(
  em: EntityManager,
  principal: Principal,
  vault: PersonalDataVault,
  idNumber: string,
) {
  requirePermission(principal, 'households:read');
  const { value } = parseIdNumber('idNumber', idNumber);
  const person = await em.findOne(Person, { idNumberHash: vault.lookupHash(value) });
  if (!person) throw notFound('Person', maskIdNumber(value));
  assertReaches(principal, 'households:read', await householdOf(em, person));
  await recordAudit(em, 'households', principal, {
    action: 'LOOKUP_ID_NUMBER',
    entityType: 'Person',
    entityId: person.id,
  });
  return person;
}
