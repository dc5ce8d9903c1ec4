import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import {
  ageOn,
  assertDate,
  assertId,
  badInput,
  conflict,
  maskIdNumber,
  maskPhone,
  normalisePhone,
  notFound,
  parseIdNumber,
  recordAudit,
  requiredPlainText,
  requirePermission,
  type Principal,
  shanghaiDate,
} from '@doudi/shared';
import { type PersonalDataVault } from '@doudi/shared';
import { Person, type RelationshipToHead, type Sex } from './person.entity.js';
import type { PersonInput } from '../household/household.inputs.js';
import { Household } from '../household/household.entity.js';
import { TEXT_LIMITS } from '../household/household.limits.js';
import { assertReaches, reaches } from '../household/household.access.js';
import { assertNotProbing, OutOfReachDuplicate, refusedProbe, registeredElsewhere } from './person.probing.js';

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
  const name = requiredPlainText(`${field}.name`, person.name, TEXT_LIMITS.name, 'A name');
  let birthDate = person.birthDate ?? null;
  if (birthDate !== null) {
    assertDate(`${field}.birthDate`, birthDate);
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
  return Object.assign(new Person(), sealedFields(vault, person), { householdId });
}

/**
 * The person's stored fields as a plain object, sealed as sealPerson seals them (the household import stages
 * thousands of these, where an entity instance a row costs more than the rest of the row's work).
 */
export function sealedFields(vault: PersonalDataVault, person: ValidPerson) {
  const { idNumber, phone, facts, ...plain } = person;
  return {
    ...plain,
    ...facts,
    idNumberSealed: idNumber && vault.encrypt(idNumber),
    idNumberHash: idNumber && vault.lookupHash(idNumber),
    idNumberMasked: idNumber && maskIdNumber(idNumber),
    phoneSealed: phone && vault.encrypt(phone),
    phoneMasked: phone && maskPhone(phone),
  };
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
 * number already registered to a family the caller may read is a CONFLICT naming the record, so the
 * caseworker finds the family. One registered outside the caller's reach says nothing of whose it is
 * (issue 10 item 2): OutOfReachDuplicate, answered by withUniqueIdNumbers once the write is rolled back.
 */
export async function assertNewIdNumbers(
  em: EntityManager,
  principal: Principal,
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
  const existing = await em.find(Person, {
    idNumberHash: { $in: [...seen.keys()].map((n) => vault.lookupHash(n)) },
  });
  if (!existing.length) return;
  const households = await em.find(Household, { id: { $in: existing.map((p) => p.householdId) } });
  const reachable = new Set(households.filter((h) => reaches(principal, 'households:read', h)).map((h) => h.id));
  const known = existing.find((p) => reachable.has(p.householdId));
  if (known) throw duplicateIdNumber(known.id, known.householdId);
  throw new OutOfReachDuplicate(existing.map((p) => p.idNumberHash!));
}

const duplicateIdNumber = (personId: string, householdId: string) =>
  conflict('A person with this ID number is already registered', {
    existingPersonId: personId,
    existingHouseholdId: householdId,
  });

/**
 * Runs a write that adds people. A number held outside the caller's reach is audited and counted against
 * the caller's probing limit, then refused without saying whose; two concurrent writes of one ID number
 * meet the unique index and the second is refused the same way.
 */
export async function withUniqueIdNumbers<T>(
  em: EntityManager,
  principal: Principal,
  write: () => Promise<T>,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof OutOfReachDuplicate) {
      await refusedProbe(em, principal, 'DUPLICATE_ID_NUMBER_REFUSED', error.idNumberHashes);
      throw registeredElsewhere();
    }
    if (error instanceof UniqueConstraintViolationException && /id_number_hash/.test(error.message))
      throw registeredElsewhere();
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
 * the append-only audit log in the same transaction (docs/architecture.md, Security model; 襄政办发〔2023〕26号 八(五), 晋检发办字〔2023〕10号 第二十四条).
 */
export async function revealPersonalData(
  em: EntityManager,
  principal: Principal,
  vault: PersonalDataVault,
  input: { personId: string; field: PersonalDataField; purpose: string },
): Promise<string | null> {
  requirePermission(principal, 'personal-data:reveal');
  const purpose = requiredPlainText('input.purpose', input.purpose, TEXT_LIMITS.purpose, 'A purpose');
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

/**
 * Finds a person by the full ID number (the searcher already holds it); the search itself is audited. A
 * number registered nowhere and one registered outside the caller's reach answer the same NOT_FOUND, and
 * both are audited and counted against the caller's probing limit (person.probing.ts).
 */
export async function personByIdNumber(
  em: EntityManager,
  principal: Principal,
  vault: PersonalDataVault,
  idNumber: string,
) {
  requirePermission(principal, 'households:read');
  const { value } = parseIdNumber('idNumber', idNumber);
  await assertNotProbing(em, principal, 'LOOKUP_ID_NUMBER');
  const hash = vault.lookupHash(value);
  const person = await em.findOne(Person, { idNumberHash: hash });
  const household = person && (await householdOf(em, person));
  if (!person || !household || !reaches(principal, 'households:read', household)) {
    await refusedProbe(em, principal, 'LOOKUP_ID_NUMBER_REFUSED', [hash]);
    throw notFound('Person', maskIdNumber(value));
  }
  await recordAudit(em, 'households', principal, {
    action: 'LOOKUP_ID_NUMBER',
    entityType: 'Person',
    entityId: person.id,
  });
  return person;
}
