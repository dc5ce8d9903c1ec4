/**
 * Departments' data pushed into the registry (河鱼府发【2021】39号 二(四): 乡镇民政办、经发办、社保所、城建办、应急办、振兴办
 * 和残联 push their lists; the township compares them with the registry). Each row is matched to a registered person
 * by the keyed hash of the ID number, never the clear number; matched facts change with the office and the date of
 * the data in the history; unmatched rows wait for the township; a dry run reports every row first. A batch is
 * all-or-nothing, and the same batch again (by idempotency key or by content) changes nothing.
 *
 * Reach: a row matches only a person whose household the pusher reaches with households:write (its hukou place or
 * residence in the pusher's subtree — a county office matches across the county, a township office within the
 * township). A person registered outside that reach is reported UNMATCHED, exactly as one registered nowhere, so a
 * push cannot tell whether a number is registered elsewhere (docs/architecture.md, Security model); only the
 * audit log counts such rows.
 */
import { createHash } from 'node:crypto';
import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import {
  assertDate,
  assertId,
  badInput,
  DomainError,
  ErrorCode,
  forbidden,
  listScope,
  pageWindow,
  previousCreate,
  createOnce,
  recordAudit,
  requirePermission,
  shanghaiDate,
  toConnection,
  assertJurisdictionCode,
  type Principal,
} from '@doudi/shared';
import type { PersonalDataVault } from '@doudi/shared';
import { reaches } from '../household/household.access.js';
import { TEXT_LIMITS } from '../household/household.limits.js';
import type { OrganisationsQuery } from '../remote/organisations.js';
import { DataPush } from './push.entity.js';
import { KINDS, type DataPushKind } from './push.kinds.js';
import {
  DataPushOutcome,
  type DataPushListArgs,
  type DataPushReport,
  type DataPushRowInput,
  type DataPushRowResult,
} from './push.inputs.js';
import { checkRow, rowsOfApi, rowsOfFile, type CheckedRow, type PushFile, type RawRow } from './push.rows.js';
import { findByHashes, LOOKUP_CHUNK } from './push.sql.js';
import { publishFactsChanged, same, writeFacts, writeUnmatched, type Batch, type Matched } from './push.write.js';

export interface PushContext {
  em: EntityManager;
  principal: Principal;
  vault: PersonalDataVault;
  organisations: OrganisationsQuery;
  /** The caller's signed assertion, passed on to organisations (the office's name). */
  assertion: string;
  today?: string;
}

export interface PushRequest {
  kind: DataPushKind;
  sourceOrganisationId: string;
  asOf: string;
  rows?: DataPushRowInput[] | null;
  file?: PushFile | null;
  dryRun: boolean;
  idempotencyKey?: string | null;
}

export const MAX_PUSH_ROWS = 200_000;
const OPERATION = 'pushDepartmentData';

// ---------------------------------------------------------------------------------------------------
// The push

export async function pushDepartmentData(context: PushContext, request: PushRequest): Promise<DataPushReport> {
  const { em, principal, vault } = context;
  requirePermission(principal, 'households:write');
  const kind = request.kind;
  if (!KINDS[kind]) throw badInput('input.kind', `Unknown kind ${String(kind)}`);
  const sourceOrganisationId = assertId('input.sourceOrganisationId', request.sourceOrganisationId);
  if (sourceOrganisationId !== principal.organisationId)
    throw forbidden("An office pushes its own data: sourceOrganisationId must be your organisation's", {
      field: 'input.sourceOrganisationId',
    });
  if (!principal.jurisdictionCode) throw forbidden('Your account has no jurisdiction to push data in');
  const today = context.today ?? shanghaiDate();
  const asOf = assertDate('input.asOf', request.asOf);
  if (asOf > today) throw badInput('input.asOf', 'asOf, the date of the data, cannot be in the future');
  if (asOf < '2000-01-01') throw badInput('input.asOf', 'asOf is implausibly early');
  if ((request.rows ? 1 : 0) + (request.file ? 1 : 0) !== 1)
    throw badInput('input.rows', 'Send the rows or a file, one of the two');

  let raws: RawRow[];
  let ignoredColumns: string[] = [];
  let headerOf = (key: string) => key;
  if (request.rows) raws = rowsOfApi(kind, request.rows);
  else {
    const file = await rowsOfFile(kind, request.file!);
    raws = file.rows;
    ignoredColumns = file.ignoredColumns;
    headerOf = (key) => file.headerOf.get(key) ?? key;
  }
  if (!raws.length) throw badInput(request.rows ? 'input.rows' : 'input.file.contentBase64', 'The batch has no rows');
  if (raws.length > MAX_PUSH_ROWS)
    throw new DomainError(ErrorCode.LIMIT_EXCEEDED, `At most ${MAX_PUSH_ROWS} rows per batch; split the list`, {
      field: request.rows ? 'input.rows' : 'input.file.contentBase64',
    });
  const sourceName = await organisationName(context, sourceOrganisationId, KINDS[kind].office);

  // Check every row; a number twice in the batch is a mistake of the batch.
  const rows: CheckedRow[] = [];
  const firstRowOf = new Map<string, number>();
  const rowDigests: string[] = [];
  for (const raw of raws) {
    const row = checkRow(kind, raw, principal, { asOf, today, sourceName, headerOf }, vault);
    rows.push(row);
    if (row.idHash) {
      const first = firstRowOf.get(row.idHash);
      if (first !== undefined && row.result.outcome !== DataPushOutcome.INVALID) {
        row.result.outcome = DataPushOutcome.INVALID;
        row.result.column = headerOf('idNumber');
        row.result.problem = `Row ${first} has the same ID number`;
      } else if (first === undefined) firstRowOf.set(row.idHash, row.row);
    }
    // The content, personal data as keyed hashes only: what makes a batch "the same batch".
    rowDigests.push(
      JSON.stringify([row.idHash ?? raw.cells.idNumber ?? null, row.name, row.jurisdictionCode, row.values]),
    );
  }
  const contentHash = createHash('sha256')
    .update(JSON.stringify({ kind, sourceOrganisationId, asOf, rows: rowDigests.sort() }))
    .digest('hex');
  rowDigests.length = 0;

  // The same batch again — by key, or by content — answers the batch it was, and changes nothing.
  if (!request.dryRun) {
    const previousId = await previousCreate(em, OPERATION, request.idempotencyKey, { contentHash });
    const previous = previousId
      ? await em.findOne(DataPush, { id: previousId })
      : await em.findOne(DataPush, { contentHash });
    if (previous) return repeatedReport(previous);
  }

  const source = `${sourceName}：${KINDS[kind].label}（${asOf}）`.slice(0, TEXT_LIMITS.source);
  const push = Object.assign(new DataPush(), {
    kind,
    sourceOrganisationId,
    sourceName,
    asOf,
    jurisdictionCode: principal.jurisdictionCode!,
    contentHash,
    rows: rows.length,
    createdById: principal.id,
  });
  const batch: Batch = { householdFacts: new Map(), touched: new Map(), outOfReach: 0, reach: new Map() };
  const report = (): DataPushReport => {
    const counts = { MATCHED: 0, UNCHANGED: 0, UNMATCHED: 0, INVALID: 0 };
    for (const row of rows) counts[row.result.outcome]++;
    return {
      dryRun: request.dryRun,
      written: false,
      repeated: false,
      push: null,
      rowCount: rows.length,
      matched: counts.MATCHED,
      unchanged: counts.UNCHANGED,
      unmatched: counts.UNMATCHED,
      invalid: counts.INVALID,
      results: rows.map((r) => r.result),
      ignoredColumns,
    };
  };
  const audit = (tx: EntityManager, action: string, entityId: string, invalid: number) =>
    recordAudit(tx, 'households', principal, {
      action,
      entityType: 'DataPush',
      entityId,
      // How many rows matched someone outside reach is known to the audit log only, never to the answer.
      detail: { kind, sourceOrganisationId, asOf, rows: rows.length, invalid, outOfReach: batch.outOfReach },
    });

  /**
   * A chunk of LOOKUP_CHUNK rows at a time: looked up, compared and (in a real run) written before the next, so the
   * records read never pile up whatever the batch's size. A real run goes on to the end after an INVALID row, to
   * report every row, but writes no more and rolls back.
   */
  const processChunks = async (tx: EntityManager | null) => {
    let invalid = rows.some((r) => r.result.outcome === DataPushOutcome.INVALID);
    for (let i = 0; i < rows.length; i += LOOKUP_CHUNK) {
      const chunk = rows.slice(i, i + LOOKUP_CHUNK);
      const matched = await matchChunk(tx ?? em, principal, chunk, batch);
      invalid ||= chunk.some((r) => r.result.outcome === DataPushOutcome.INVALID);
      if (tx && !invalid) {
        await writeFacts(tx, principal, push, source, matched);
        await writeUnmatched(tx, vault, push, chunk);
      }
    }
    return invalid;
  };

  if (request.dryRun || rows.some((r) => r.result.outcome === DataPushOutcome.INVALID)) {
    await processChunks(null);
    const answer = report();
    if (request.dryRun) await audit(em, 'DATA_PUSH_DRY_RUN', contentHash, answer.invalid);
    return answer;
  }
  try {
    const written = await createOnce(
      em,
      OPERATION,
      request.idempotencyKey,
      { contentHash },
      async (tx) => {
        if (await processChunks(tx)) throw new RolledBack(report());
        const answer = report();
        Object.assign(push, { matched: answer.matched, unchanged: answer.unchanged, unmatched: answer.unmatched });
        await tx.insertMany(DataPush, [push]);
        publishFactsChanged(tx, push, batch.touched);
        await audit(tx, 'DATA_PUSH', push.id, 0);
        return push;
      },
      async (tx, id) => tx.findOneOrFail(DataPush, { id }),
    );
    return { ...report(), written: true, push: written };
  } catch (error) {
    if (error instanceof RolledBack) return error.report;
    // A concurrent push of the same content went in first: this one is that one.
    if (error instanceof UniqueConstraintViolationException && /content_hash/.test(error.message)) {
      const previous = await em.fork().findOne(DataPush, { contentHash });
      if (previous) return repeatedReport(previous);
    }
    throw error;
  }
}

/** A real run that met an INVALID row: its transaction is rolled back, and the report says which rows. */
class RolledBack extends Error {
  constructor(readonly report: DataPushReport) {
    super('the batch has invalid rows');
  }
}

/** Looks a chunk's hashes up in one statement and settles each row's outcome; answers the MATCHED rows. */
async function matchChunk(em: EntityManager, principal: Principal, chunk: CheckedRow[], batch: Batch) {
  const candidates = chunk.filter((r) => r.result.outcome !== DataPushOutcome.INVALID);
  const found = await findByHashes(
    em,
    candidates.map((r) => r.idHash!),
  );
  const households = new Map<string, Matched['household']>();
  const matched: Matched[] = [];
  for (const row of candidates) {
    const hit = found.get(row.idHash!);
    if (!hit) continue;
    const place = `${hit.household.jurisdictionCode}|${hit.household.residenceJurisdictionCode}`;
    let reached = batch.reach.get(place);
    if (reached === undefined)
      batch.reach.set(place, (reached = reaches(principal, 'households:write', hit.household)));
    if (!reached) {
      batch.outOfReach++;
      continue;
    }
    const person = Object.assign(hit.person, { original: {} as Record<string, unknown> });
    let household = households.get(hit.household.id);
    if (!household) {
      // What earlier rows of the batch set stands, written (a real run) or not yet (a dry run).
      household = Object.assign(hit.household, { original: {} as Record<string, unknown> });
      for (const [field, { value }] of batch.householdFacts.get(household.id) ?? [])
        (household as Record<string, unknown>)[field] = value;
      households.set(household.id, household);
    }
    const facts = batch.householdFacts.get(household.id) ?? new Map<string, { row: number; value: unknown }>();
    const conflict = row.facts.find(
      (f) => f.target === 'household' && facts.has(f.field) && !same(facts.get(f.field)!.value, f.value),
    );
    if (conflict) {
      Object.assign(row.result, {
        outcome: DataPushOutcome.INVALID,
        column: null,
        problem: `Row ${facts.get(conflict.field)!.row} gives this household another ${conflict.field}`,
      });
      continue;
    }
    const changes: DataPushRowResult['changes'] = [];
    for (const fact of row.facts) {
      const record = (fact.target === 'person' ? person : household) as Record<string, unknown>;
      if (!same(record[fact.field], fact.value))
        changes.push({
          field: fact.field,
          entityType: fact.target === 'person' ? 'Person' : 'Household',
          to: JSON.stringify(fact.value ?? null),
        });
      const original = (fact.target === 'person' ? person : household).original;
      if (!(fact.field in original)) original[fact.field] = record[fact.field];
      record[fact.field] = fact.value;
      if (fact.target === 'household' && !facts.has(fact.field))
        facts.set(fact.field, { row: row.row, value: fact.value });
    }
    if (facts.size) batch.householdFacts.set(household.id, facts);
    row.result.changes = changes;
    row.result.outcome = changes.length ? DataPushOutcome.MATCHED : DataPushOutcome.UNCHANGED;
    if (changes.length) {
      matched.push({ row, person, household });
      batch.touched.set(household.id, {
        jurisdictionCode: household.jurisdictionCode,
        residenceJurisdictionCode: household.residenceJurisdictionCode,
      });
    }
  }
  return matched;
}

function repeatedReport(push: DataPush): DataPushReport {
  return {
    dryRun: false,
    written: true,
    repeated: true,
    push,
    rowCount: push.rows,
    matched: push.matched,
    unchanged: push.unchanged,
    unmatched: push.unmatched,
    invalid: 0,
    results: [],
    ignoredColumns: [],
  };
}

/** The office's name for the history, asked of organisations as the caller; the kind's office if it cannot say. */
async function organisationName(context: PushContext, id: string, fallback: string): Promise<string> {
  try {
    const data = (await context.organisations(
      'query($id: ID!) { organisation(id: $id) { name } }',
      { id },
      context.assertion,
    )) as { organisation?: { name?: string } };
    return data.organisation?.name?.trim() || fallback;
  } catch {
    return fallback;
  }
}

// ---------------------------------------------------------------------------------------------------
// Lists

export async function listDataPushes(em: EntityManager, principal: Principal, args: DataPushListArgs) {
  const window = pageWindow(args);
  const filter = args.filter ?? {};
  const code = filter.jurisdictionCode && assertJurisdictionCode('filter.jurisdictionCode', filter.jurisdictionCode);
  const scope = listScope(principal, 'households:read', code);
  if (scope === null) return toConnection([], 0, window);
  const where: Record<string, unknown> = { jurisdictionCode: { $like: `${scope}%` } };
  if (filter.kind) where.kind = filter.kind;
  if (filter.sourceOrganisationId)
    where.sourceOrganisationId = assertId('filter.sourceOrganisationId', filter.sourceOrganisationId);
  const [nodes, total] = await em.findAndCount(DataPush, where, {
    limit: window.limit,
    offset: window.offset,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
  });
  return toConnection(nodes, total, window);
}
