/**
 * The waiting list: pushed rows that matched nobody within the pusher's reach, for the township to register or
 * dismiss (河鱼府发【2021】39号 二(四)).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  assertId,
  assertJurisdictionCode,
  assertVersion,
  badInput,
  can,
  invalidState,
  listScope,
  notFound,
  pageWindow,
  parseIdNumber,
  publishEvent,
  recordAudit,
  requiredPlainText,
  requirePermission,
  toConnection,
  type Principal,
} from '@doudi/shared';
import type { PersonalDataVault } from '../personal-data/vault.js';
import { Person, RelationshipToHead, type Sex } from '../person/person.entity.js';
import { Household } from '../household/household.entity.js';
import { addHouseholdMember, createHousehold } from '../household/household.service.js';
import { HouseholdChange } from '../history/household-change.entity.js';
import { snapshotOf } from '../history/history.service.js';
import { reaches } from '../household/household.access.js';
import { TEXT_LIMITS } from '../household/household.limits.js';
import { DataPush, DataPushUnmatchedRow, UnmatchedRowStatus } from './push.entity.js';
import { KINDS, type PushValues } from './push.kinds.js';
import type { DismissUnmatchedRowInput, RegisterUnmatchedRowInput, UnmatchedRowListArgs } from './push.inputs.js';
import { same } from './push.write.js';

/** Kinds whose mere listing tells a health fact: shown only to those who may read health facts. */
export const HEALTH_KINDS = ['DISABILITY', 'CHRONIC_ILLNESS', 'SERIOUS_ILLNESS'] as const;

export async function listUnmatchedRows(em: EntityManager, principal: Principal, args: UnmatchedRowListArgs) {
  const window = pageWindow(args);
  const filter = args.filter ?? {};
  const code = filter.jurisdictionCode && assertJurisdictionCode('filter.jurisdictionCode', filter.jurisdictionCode);
  const scope = listScope(principal, 'households:read', code);
  if (scope === null) return toConnection([], 0, window);
  const where: Record<string, unknown> = {
    jurisdictionCode: { $like: `${scope}%` },
    status: filter.status ?? UnmatchedRowStatus.PENDING,
  };
  if (filter.dataPushId) where.dataPushId = assertId('filter.dataPushId', filter.dataPushId);
  if (!can(principal, 'households:read-sensitive')) where.kind = { $nin: [...HEALTH_KINDS] };
  const [nodes, total] = await em.findAndCount(DataPushUnmatchedRow, where, {
    limit: window.limit,
    offset: window.offset,
    orderBy: [{ createdAt: 'asc' }, { row: 'asc' }, { id: 'asc' }],
  });
  return toConnection(nodes, total, window);
}

// ---------------------------------------------------------------------------------------------------
// The township's answer to an unmatched row

/** The row, if the caller may act on it (the same NOT_FOUND for one outside reach), still waiting. */
async function pendingRow(em: EntityManager, principal: Principal, id: string, version?: number | null) {
  requirePermission(principal, 'households:write');
  const row = await em.findOne(DataPushUnmatchedRow, { id: assertId('input.id', id) });
  if (
    !row ||
    !can(principal, 'households:write', row.jurisdictionCode) ||
    (HEALTH_KINDS.includes(row.kind as never) && !can(principal, 'households:read-sensitive', row.jurisdictionCode))
  )
    throw notFound('DataPushUnmatchedRow', id);
  assertVersion(row, version, 'Unmatched row');
  if (row.status !== UnmatchedRowStatus.PENDING) throw invalidState(`This row was already ${row.status.toLowerCase()}`);
  return row;
}

/**
 * Registers the person of a waiting row and applies the row's facts to them as the push would have, with the office
 * and the date of the data in the history. The person is an existing member (`personId`: registered since, or
 * outside the pusher's reach), or is registered now by the usual paths with the row's ID number, which the
 * township never has to retype: added to a household (`householdId`, addHouseholdMember) or as the head of a new
 * one (`newHousehold`, createHousehold). The registration is idempotent on the row (its key is derived from the
 * row's id), so a retry after a failure between the two steps registers nobody twice.
 */
export async function registerUnmatchedRow(
  em: EntityManager,
  principal: Principal,
  vault: PersonalDataVault,
  input: RegisterUnmatchedRowInput,
): Promise<DataPushUnmatchedRow> {
  const ways = [input.personId, input.householdId, input.newHousehold].filter((w) => w !== undefined && w !== null);
  if (ways.length !== 1)
    throw badInput('input.personId', 'Give one of personId, householdId (with relationshipToHead) or newHousehold');
  let personId = input.personId ?? null;
  if (!personId) {
    const row = await pendingRow(em.fork(), principal, input.id, input.version);
    const push = await em.fork().findOneOrFail(DataPush, { id: row.dataPushId });
    const idNumber = vault.decrypt(row.idNumberSealed);
    const name = input.name ?? row.name;
    if (!name) throw badInput('input.name', 'The office gave no name: give the name to register');
    const member = {
      name,
      sex: parseIdNumber('idNumber', idNumber).sex as Sex,
      idNumber,
      relationshipToHead: input.newHousehold ? RelationshipToHead.SELF : input.relationshipToHead!,
    };
    const source = `${push.sourceName}：${KINDS[row.kind].label}（${push.asOf}）`.slice(0, TEXT_LIMITS.source);
    const idempotencyKey = `unmatched-row-${row.id}`;
    if (input.householdId) {
      if (!input.relationshipToHead)
        throw badInput('input.relationshipToHead', 'Say how the person is related to the head of the household');
      personId = (
        await addHouseholdMember(em.fork(), principal, vault, {
          householdId: input.householdId,
          person: member,
          source,
          idempotencyKey,
        })
      ).id;
    } else {
      const household = await createHousehold(em.fork(), principal, vault, {
        ...input.newHousehold!,
        members: [member],
        source,
        idempotencyKey,
      });
      personId = (await em.fork().findOneOrFail(Person, { householdId: household.id })).id;
    }
  }
  const existing = personId;
  return em.transactional(async (tx) => {
    const row = await pendingRow(tx, principal, input.id, input.version);
    const person = await tx.findOne(Person, { id: assertId('input.personId', existing) });
    const household = person && (await tx.findOne(Household, { id: person.householdId }, { populate: ['address'] }));
    if (!person || !household || !reaches(principal, 'households:write', household)) throw notFound('Person', existing);
    if (person.idNumberHash !== row.idNumberHash)
      throw badInput('input.personId', "This member's ID number is not the row's: register the row's person first");
    const push = await tx.findOneOrFail(DataPush, { id: row.dataPushId });
    const facts = KINDS[row.kind].facts(row.values as PushValues, {
      asOf: push.asOf,
      birthDate: person.birthDate ?? push.asOf,
      sourceName: push.sourceName,
    });
    const source = `${push.sourceName}：${KINDS[row.kind].label}（${push.asOf}）`.slice(0, TEXT_LIMITS.source);
    let changed = false;
    for (const entity of [person, household]) {
      const target = entity === person ? 'person' : 'household';
      const own = facts.filter((f) => f.target === target);
      if (!own.length) continue;
      const before = snapshotOf(entity);
      for (const fact of own) (entity as unknown as Record<string, unknown>)[fact.field] = fact.value;
      const after = snapshotOf(entity);
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const [field, value] of Object.entries(after))
        if (!same(before[field], value)) changes[field] = { from: before[field] ?? null, to: value };
      if (!Object.keys(changes).length) continue;
      changed = true;
      tx.persist(
        Object.assign(new HouseholdChange(), {
          householdId: household.id,
          entityType: entity === person ? 'Person' : 'Household',
          entityId: entity.id,
          changedById: principal.id,
          changedByOrganisationId: push.sourceOrganisationId,
          source,
          asOf: push.asOf,
          dataPushId: push.id,
          changes,
          snapshot: after,
        }),
      );
    }
    Object.assign(row, {
      status: UnmatchedRowStatus.REGISTERED,
      personId: person.id,
      resolvedById: principal.id,
      resolvedAt: new Date(),
    });
    if (changed)
      publishEvent(tx, {
        type: 'household.facts.changed',
        aggregateId: push.id,
        payload: {
          householdIds: [household.id],
          jurisdictionCodes: [household.jurisdictionCode, household.residenceJurisdictionCode]
            .filter((c): c is string => !!c)
            .sort(),
          source: push.sourceOrganisationId,
          asOf: push.asOf,
        },
      });
    await recordAudit(tx, 'households', principal, {
      action: 'DATA_PUSH_ROW_REGISTERED',
      entityType: 'DataPushUnmatchedRow',
      entityId: row.id,
      detail: { personId: person.id },
    });
    return row;
  });
}

export async function dismissUnmatchedRow(
  em: EntityManager,
  principal: Principal,
  input: DismissUnmatchedRowInput,
): Promise<DataPushUnmatchedRow> {
  const reason = requiredPlainText('input.reason', input.reason, TEXT_LIMITS.reason, 'A reason');
  if (reason.length < 2) throw badInput('input.reason', 'Say why in a few words');
  return em.transactional(async (tx) => {
    const row = await pendingRow(tx, principal, input.id, input.version);
    Object.assign(row, {
      status: UnmatchedRowStatus.DISMISSED,
      dismissReason: reason,
      resolvedById: principal.id,
      resolvedAt: new Date(),
    });
    await recordAudit(tx, 'households', principal, {
      action: 'DATA_PUSH_ROW_DISMISSED',
      entityType: 'DataPushUnmatchedRow',
      entityId: row.id,
    });
    return row;
  });
}
