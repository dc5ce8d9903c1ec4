import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import {
  assertId,
  assertJurisdictionCode,
  badInput,
  createOnce,
  DomainError,
  ErrorCode,
  notFound,
  orderByOf,
  pageWindow,
  syncPage,
  syncWindow,
  toConnection,
  requirePermission,
  type Principal,
  optionalText,
  requiredPlainText,
} from '@doudi/shared';
import { type PersonalDataVault } from '@doudi/shared';
import { Household } from './household.entity.js';
import { MAX_MEMBERS, TEXT_LIMITS } from './household.limits.js';
import { recordChange } from '../history/history.service.js';
import { assertReaches, visibleHouseholds } from './household.access.js';
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

/** Where a write's facts came from; a caller who says nothing entered them directly. */
export const sourceOf = (source: string | undefined | null) =>
  requiredPlainText('input.source', source ?? '直接登记', TEXT_LIMITS.source, 'A source');

export async function getHousehold(em: EntityManager, id: string): Promise<Household> {
  const household = await em.findOne(Household, { id: assertId('id', id) }, { populate: ['address'] });
  if (!household) throw notFound('Household', id);
  return household;
}

export async function listHouseholds(em: EntityManager, principal: Principal, args: HouseholdListArgs) {
  const filterCode = args.filter?.jurisdictionCode;
  const where = visibleHouseholds(
    principal,
    filterCode && assertJurisdictionCode('filter.jurisdictionCode', filterCode),
  );
  const since = args.filter?.updatedSince;
  const sync = since ? syncWindow(args, since) : null;
  const window = sync ? { offset: 0, limit: sync.limit } : pageWindow(args);
  if (where === null) return toConnection([], 0, window);
  const ids = args.filter?.ids;
  if (ids) {
    if (ids.length > 100) throw badInput('filter.ids', 'Ask for at most 100 households at once');
    ids.forEach((id, i) => assertId(`filter.ids.${i}`, id));
  }
  // Incremental sync (docs/sync.md): the same visible set and filters, in (updatedAt, id) order by cursor.
  if (sync) return syncPage(em, Household, ids ? { $and: [where, { id: { $in: ids } }] } : where, sync);
  const [nodes, total] = await em.findAndCount(Household, ids ? { $and: [where, { id: { $in: ids } }] } : where, {
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
  const residenceJurisdictionCode = input.residenceJurisdictionCode
    ? assertJurisdictionCode('input.residenceJurisdictionCode', input.residenceJurisdictionCode)
    : null;
  assertReaches(principal, 'households:write', { jurisdictionCode, residenceJurisdictionCode });
  const address = optionalText('input.address', input.address, TEXT_LIMITS.address, 'An address');
  if (!input.members?.length) throw badInput('input.members', 'A household has at least one member');
  if (input.members.length > MAX_MEMBERS)
    throw badInput('input.members', `A household has at most ${MAX_MEMBERS} members`, { max: MAX_MEMBERS });
  const members = input.members.map((m, i) => validatePerson(m, `input.members.${i}`));
  const heads = members.filter((m) => m.relationshipToHead === RelationshipToHead.SELF).length;
  if (heads !== 1)
    throw badInput('input.members', `Exactly one member is the head (relationshipToHead: SELF); found ${heads}`);

  const fingerprint = { ...input, members: members.map((m) => fingerprintOf(vault, m)) };
  return withUniqueIdNumbers(em, principal, () =>
    createOnce(
      em,
      'createHousehold',
      input.idempotencyKey,
      fingerprint,
      async (tx) => {
        await assertNewIdNumbers(
          tx,
          principal,
          vault,
          members.map((m, i) => ({ field: `input.members.${i}`, idNumber: m.idNumber })),
        );
        const household = Object.assign(new Household(), {
          jurisdictionCode,
          residenceJurisdictionCode: residenceJurisdictionCode === jurisdictionCode ? null : residenceJurisdictionCode,
          hukouType: input.hukouType ?? null,
          address,
        });
        tx.persist(household);
        const source = sourceOf(input.source);
        recordChange(tx, principal, source, household, null);
        for (const member of members) {
          const person = sealPerson(vault, household.id, member);
          tx.persist(person);
          recordChange(tx, principal, source, person, null);
        }
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
  return withUniqueIdNumbers(em, principal, () =>
    createOnce(
      em,
      'addHouseholdMember',
      input.idempotencyKey,
      { householdId, person: fingerprintOf(vault, person) },
      async (tx) => {
        const household = await getHousehold(tx, householdId);
        assertReaches(principal, 'households:write', household);
        // The household's row is locked, so two members added at once cannot together pass the bound.
        await tx.lock(household, LockMode.PESSIMISTIC_WRITE);
        if ((await tx.count(Person, { householdId })) >= MAX_MEMBERS) {
          throw new DomainError(ErrorCode.LIMIT_EXCEEDED, `A household has at most ${MAX_MEMBERS} members`, {
            field: 'input.householdId',
            max: MAX_MEMBERS,
          });
        }
        // A head who died or left (recordMemberExit) is no longer the head: another member may become it.
        if (
          person.relationshipToHead === RelationshipToHead.SELF &&
          (await tx.count(Person, { householdId, relationshipToHead: RelationshipToHead.SELF, exitedOn: null }))
        ) {
          throw badInput('input.person.relationshipToHead', 'The household already has a head');
        }
        await assertNewIdNumbers(tx, principal, vault, [{ field: 'input.person', idNumber: person.idNumber }]);
        const created = sealPerson(vault, householdId, person);
        tx.persist(created);
        recordChange(tx, principal, sourceOf(input.source), created, null);
        return created;
      },
      async (fresh, id) => await fresh.findOneOrFail(Person, { id }),
    ),
  );
}
