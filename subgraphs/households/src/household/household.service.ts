import type { EntityManager } from '@mikro-orm/postgresql';
import {
  assertId,
  assertJurisdictionCode,
  badInput,
  createOnce,
  isIsoDate,
  notFound,
  orderByOf,
  pageWindow,
  toConnection,
  listScope,
  requirePermission,
  type Principal,
  requiredText,
} from '@doudi/shared';
import { Household } from './household.entity.js';
import { Person, RelationshipToHead } from '../person/person.entity.js';
import {
  HOUSEHOLD_ORDER_COLUMNS,
  type AddHouseholdMemberInput,
  type CreateHouseholdInput,
  type HouseholdListArgs,
  type PersonInput,
} from './household.inputs.js';

function validatePerson(person: PersonInput, field: string, today = new Date().toISOString().slice(0, 10)) {
  const name = requiredText(`${field}.name`, person.name, 50, 'A name');
  if (person.birthDate !== undefined && person.birthDate !== null) {
    if (!isIsoDate(person.birthDate)) throw badInput(`${field}.birthDate`, 'birthDate must be a real date, YYYY-MM-DD');
    if (person.birthDate > today) throw badInput(`${field}.birthDate`, 'birthDate cannot be in the future');
    if (person.birthDate < '1880-01-01') throw badInput(`${field}.birthDate`, 'birthDate is implausibly early');
  }
  return { ...person, name };
}

function newPerson(householdId: string, person: PersonInput): Person {
  return Object.assign(new Person(), {
    householdId,
    name: person.name,
    sex: person.sex,
    birthDate: person.birthDate ?? null,
    relationshipToHead: person.relationshipToHead,
  });
}

export async function getHousehold(em: EntityManager, id: string): Promise<Household> {
  const household = await em.findOne(Household, { id: assertId('id', id) });
  if (!household) throw notFound('Household', id);
  return household;
}

export async function listHouseholds(em: EntityManager, principal: Principal, args: HouseholdListArgs) {
  const filterCode = args.filter?.jurisdictionCode;
  const scope = listScope(
    principal,
    'households:read',
    filterCode && assertJurisdictionCode('filter.jurisdictionCode', filterCode),
  );
  const window = pageWindow(args);
  if (scope === null) return toConnection([], 0, window);
  const where = { jurisdictionCode: { $like: `${scope}%` } };
  const [nodes, total] = await em.findAndCount(Household, where, {
    limit: window.limit,
    offset: window.offset,
    orderBy: orderByOf(args.orderBy, HOUSEHOLD_ORDER_COLUMNS, { createdAt: 'asc' }),
  });
  return toConnection(nodes, total, window);
}

export async function createHousehold(
  em: EntityManager,
  principal: Principal,
  input: CreateHouseholdInput,
): Promise<Household> {
  const jurisdictionCode = assertJurisdictionCode('input.jurisdictionCode', input.jurisdictionCode);
  requirePermission(principal, 'households:write', jurisdictionCode);
  if (!input.members?.length) throw badInput('input.members', 'A household has at least one member');
  const members = input.members.map((m, i) => validatePerson(m, `input.members.${i}`));
  const heads = members.filter((m) => m.relationshipToHead === RelationshipToHead.SELF).length;
  if (heads !== 1)
    throw badInput('input.members', `Exactly one member is the head (relationshipToHead: SELF); found ${heads}`);

  return createOnce(
    em,
    'createHousehold',
    input.idempotencyKey,
    { ...input, members },
    async (tx) => {
      const household = Object.assign(new Household(), { jurisdictionCode, address: input.address?.trim() || null });
      tx.persist(household);
      for (const member of members) tx.persist(newPerson(household.id, member));
      return household;
    },
    (fresh, id) => getHousehold(fresh, id),
  );
}

export async function addHouseholdMember(
  em: EntityManager,
  principal: Principal,
  input: AddHouseholdMemberInput,
): Promise<Person> {
  requirePermission(principal, 'households:write');
  const householdId = assertId('input.householdId', input.householdId);
  const person = validatePerson(input.person, 'input.person');
  return createOnce(
    em,
    'addHouseholdMember',
    input.idempotencyKey,
    { householdId, person },
    async (tx) => {
      const household = await getHousehold(tx, householdId);
      requirePermission(principal, 'households:write', household.jurisdictionCode);
      if (
        person.relationshipToHead === RelationshipToHead.SELF &&
        (await tx.count(Person, { householdId, relationshipToHead: RelationshipToHead.SELF }))
      ) {
        throw badInput('input.person.relationshipToHead', 'The household already has a head');
      }
      const created = newPerson(householdId, person);
      tx.persist(created);
      return created;
    },
    async (fresh, id) => await fresh.findOneOrFail(Person, { id }),
  );
}

export async function getPerson(em: EntityManager, id: string): Promise<Person> {
  const person = await em.findOne(Person, { id: assertId('id', id) });
  if (!person) throw notFound('Person', id);
  return person;
}
