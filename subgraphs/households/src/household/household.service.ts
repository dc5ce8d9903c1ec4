import type { EntityManager } from '@mikro-orm/postgresql';
import {
  assertId,
  assertJurisdictionCode,
  badInput,
  createOnce,
  notFound,
  orderByOf,
  pageWindow,
  toConnection,
  listScope,
  requirePermission,
  type PersonalDataVault,
  type Principal,
} from '@doudi/shared';
import { Household } from './household.entity.js';
import { Person, RelationshipToHead } from '../person/person.entity.js';
import {
  assertNewIdNumbers,
  fingerprintOf,
  sealPerson,
  validatePerson,
  withUniqueIdNumbers,
} from '../person/person.service.js';
import {
  HOUSEHOLD_ORDER_COLUMNS,
  type AddHouseholdMemberInput,
  type CreateHouseholdInput,
  type HouseholdListArgs,
} from './household.inputs.js';

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
  vault: PersonalDataVault,
  input: CreateHouseholdInput,
): Promise<Household> {
  const jurisdictionCode = assertJurisdictionCode('input.jurisdictionCode', input.jurisdictionCode);
  requirePermission(principal, 'households:write', jurisdictionCode);
  if (!input.members?.length) throw badInput('input.members', 'A household has at least one member');
  const members = input.members.map((m, i) => validatePerson(m, `input.members.${i}`));
  const heads = members.filter((m) => m.relationshipToHead === RelationshipToHead.SELF).length;
  if (heads !== 1)
    throw badInput('input.members', `Exactly one member is the head (relationshipToHead: SELF); found ${heads}`);

  const fingerprint = { ...input, members: members.map((m) => fingerprintOf(vault, m)) };
  return withUniqueIdNumbers(() =>
    createOnce(
      em,
      'createHousehold',
      input.idempotencyKey,
      fingerprint,
      async (tx) => {
        await assertNewIdNumbers(
          tx,
          vault,
          members.map((m, i) => ({ field: `input.members.${i}`, idNumber: m.idNumber })),
        );
        const household = Object.assign(new Household(), { jurisdictionCode, address: input.address?.trim() || null });
        tx.persist(household);
        for (const member of members) tx.persist(sealPerson(vault, household.id, member));
        return household;
      },
      (fresh, id) => getHousehold(fresh, id),
    ),
  );
}

export async function addHouseholdMember(
  em: EntityManager,
  principal: Principal,
  vault: PersonalDataVault,
  input: AddHouseholdMemberInput,
): Promise<Person> {
  requirePermission(principal, 'households:write');
  const householdId = assertId('input.householdId', input.householdId);
  const person = validatePerson(input.person, 'input.person');
  return withUniqueIdNumbers(() =>
    createOnce(
      em,
      'addHouseholdMember',
      input.idempotencyKey,
      { householdId, person: fingerprintOf(vault, person) },
      async (tx) => {
        const household = await getHousehold(tx, householdId);
        requirePermission(principal, 'households:write', household.jurisdictionCode);
        if (
          person.relationshipToHead === RelationshipToHead.SELF &&
          (await tx.count(Person, { householdId, relationshipToHead: RelationshipToHead.SELF }))
        ) {
          throw badInput('input.person.relationshipToHead', 'The household already has a head');
        }
        await assertNewIdNumbers(tx, vault, [{ field: 'input.person', idNumber: person.idNumber }]);
        const created = sealPerson(vault, householdId, person);
        tx.persist(created);
        return created;
      },
      async (fresh, id) => await fresh.findOneOrFail(Person, { id }),
    ),
  );
}
