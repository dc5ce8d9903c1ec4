/**
 * The waiting list: pushed rows that matched nobody within the pusher's reach, for the township to register or
 * dismiss (河鱼府发【2021】39号 二(四)).
 */
import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import {
  assertId,
  assertJurisdictionCode,
  assertVersion,
  badInput,
  can,
  DomainError,
  ErrorCode,
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
import type { PersonalDataVault } from '@doudi/shared';
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
import { registeredElsewhere } from '../person/person.probing.js';

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

/**
 * The row, if the caller may act on it (the same NOT_FOUND for one outside reach), still waiting. `lock` holds it
 * until the transaction ends, so two townships answering the same row at once cannot both register it.
 */
async function pendingRow(em: EntityManager, principal: Principal, id: string, version?: number | null, lock = false) {
  requirePermission(principal, 'households:write');
  const row = await em.findOne(
    DataPushUnmatchedRow,
    { id: assertId('input.id', id) },
    lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {},
  );
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
 * one (`newHousehold`, createHousehold).
 *
 * All in one transaction, the row locked first: the person registered, the row's facts applied, the row marked
 * REGISTERED, its event and audit commit together or not at all — a failure anywhere leaves no person registered
 * for a row still waiting. A retry after a failure starts again from nothing; one after success finds the row
 * closed (INVALID_STATE). The registration keeps its idempotency key derived from the row (`unmatched-row-<id>`),
 * claimed in the same transaction, so it can never register the row's person twice.
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
  if (input.householdId && !input.relationshipToHead)
    throw badInput('input.relationshipToHead', 'Say how the person is related to the head of the household');
  try {
    return await em.transactional(async (tx) => {
      const row = await pendingRow(tx, principal, input.id, input.version, true);
      const push = await tx.findOneOrFail(DataPush, { id: row.dataPushId });
      const source = `${push.sourceName}：${KINDS[row.kind].label}（${push.asOf}）`.slice(0, TEXT_LIMITS.source);
      const personId = input.personId ?? (await registerPersonOfRow(tx, principal, vault, input, row, source));
      const person = await tx.findOne(Person, { id: assertId('input.personId', personId) });
      const household = person && (await tx.findOne(Household, { id: person.householdId }, { populate: ['address'] }));
      if (!person || !household || !reaches(principal, 'households:write', household))
        throw notFound('Person', personId);
      if (person.idNumberHash !== row.idNumberHash)
        throw badInput('input.personId', "This member's ID number is not the row's: register the row's person first");
      const facts = KINDS[row.kind].facts(row.values as PushValues, {
        asOf: push.asOf,
        birthDate: person.birthDate ?? push.asOf,
        sourceName: push.sourceName,
      });
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
  } catch (error) {
    await auditRefusalAfterRollback(em, principal, input.id, error);
    throw error;
  }
}

/**
 * The row's person registered by the usual paths, in the caller's transaction: added to a household or as the head
 * of a new one, sex and birth date from the sealed number, the name from the row unless the township gives one.
 */
async function registerPersonOfRow(
  tx: EntityManager,
  principal: Principal,
  vault: PersonalDataVault,
  input: RegisterUnmatchedRowInput,
  row: DataPushUnmatchedRow,
  source: string,
): Promise<string> {
  const idNumber = vault.decrypt(row.idNumberSealed);
  const name = input.name ?? row.name;
  if (!name) throw badInput('input.name', 'The office gave no name: give the name to register');
  const member = {
    name,
    sex: parseIdNumber('idNumber', idNumber).sex as Sex,
    idNumber,
    relationshipToHead: input.newHousehold ? RelationshipToHead.SELF : input.relationshipToHead!,
  };
  const idempotencyKey = `unmatched-row-${row.id}`;
  if (input.householdId)
    return (
      await addHouseholdMember(tx, principal, vault, {
        householdId: input.householdId,
        person: member,
        source,
        idempotencyKey,
      })
    ).id;
  const household = await createHousehold(tx, principal, vault, {
    ...input.newHousehold!,
    members: [member],
    source,
    idempotencyKey,
  });
  return (await tx.findOneOrFail(Person, { householdId: household.id, idNumberHash: row.idNumberHash })).id;
}

/**
 * A registration refused because the row's number is held outside the caller's reach is audited by the usual path
 * (person.probing.ts) inside the transaction that the refusal rolls back: the audit row is written again once it
 * has (the probe was already counted: the throttle keeps its own connection).
 */
async function auditRefusalAfterRollback(em: EntityManager, principal: Principal, rowId: string, error: unknown) {
  if (!(error instanceof DomainError)) return;
  const refused =
    error.extensions.code === ErrorCode.CONFLICT && error.message === registeredElsewhere().message
      ? 'DUPLICATE_ID_NUMBER_REFUSED'
      : error.extensions.code === ErrorCode.LIMIT_EXCEEDED && 'retryAfterSeconds' in error.extensions
        ? 'ID_NUMBER_PROBE_THROTTLED'
        : null;
  if (!refused) return;
  const row = await em.fork().findOne(DataPushUnmatchedRow, { id: rowId });
  if (!row) return;
  await recordAudit(em.fork(), 'households', principal, {
    action: refused,
    entityType: 'IdNumberHash',
    entityId: row.idNumberHash,
    detail: {
      ...(refused === 'ID_NUMBER_PROBE_THROTTLED' ? { refused: 'DUPLICATE_ID_NUMBER_REFUSED' } : {}),
      actorId: principal.actorId ?? principal.id,
      idNumberHashes: [row.idNumberHash],
    },
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
