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
  assertVersion,
  badInput,
  can,
  DomainError,
  ErrorCode,
  forbidden,
  invalidState,
  listScope,
  maskIdNumber,
  notFound,
  pageWindow,
  parseIdNumber,
  previousCreate,
  createOnce,
  publishEvent,
  recordAudit,
  requiredPlainText,
  requirePermission,
  shanghaiDate,
  toConnection,
  withinJurisdiction,
  assertJurisdictionCode,
  type Principal,
} from '@doudi/shared';
import type { PersonalDataVault } from '../personal-data/vault.js';
import { Person, RelationshipToHead, type Sex } from '../person/person.entity.js';
import { Household } from '../household/household.entity.js';
import { addHouseholdMember, createHousehold } from '../household/household.service.js';
import { HouseholdChange } from '../history/household-change.entity.js';
import { HOUSEHOLD_FIELDS, PERSON_FIELDS, snapshotOf } from '../history/history.service.js';
import { reaches } from '../household/household.access.js';
import { TEXT_LIMITS } from '../household/household.limits.js';
import { CellProblem, ImportProblemCode, idNumber as idNumberCell, type Cell } from '../import/import.columns.js';
import { decodeBase64, isEmpty, matchHeader, readTable, type ImportFormat } from '../import/import.parse.js';
import type { OrganisationsQuery } from '../remote/organisations.js';
import { DataPush, DataPushUnmatchedRow, UnmatchedRowStatus } from './push.entity.js';
import {
  COMMON_COLUMNS,
  KINDS,
  type DataPushKind,
  type CommonColumn,
  type FactChange,
  type PushColumn,
  type PushValues,
  type ValueKey,
} from './push.kinds.js';
import {
  DataPushOutcome,
  type DataPushListArgs,
  type DataPushReport,
  type DataPushRowInput,
  type DataPushRowResult,
  type DismissUnmatchedRowInput,
  type RegisterUnmatchedRowInput,
  type UnmatchedRowListArgs,
} from './push.inputs.js';

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
  file?: { format: ImportFormat; contentBase64: string } | null;
  dryRun: boolean;
  idempotencyKey?: string | null;
}

export const MAX_PUSH_ROWS = 200_000;
/** Hashes looked up per statement, rows updated per statement, history rows inserted per statement. */
const LOOKUP_CHUNK = 5_000;
const WRITE_CHUNK = 2_000;
/** household.facts.changed carries at most this many households; a larger push publishes several events. */
export const EVENT_CHUNK = 1_000;
const OPERATION = 'pushDepartmentData';

/** One row as read: its cells by key (file or API), before any check. */
interface RawRow {
  row: number;
  cells: Partial<Record<string, Cell | undefined>>;
  /** Values given that the kind does not take (API rows). */
  foreign: string[];
}

/** One row after the checks. */
interface CheckedRow {
  row: number;
  idNumber: string | null;
  idHash: string | null;
  name: string | null;
  jurisdictionCode: string | null;
  values: PushValues;
  facts: FactChange[];
  result: DataPushRowResult;
}

/** The registered person a hash found, with their household: every field the history's snapshot keeps. */
interface Found {
  person: Record<string, unknown> & { id: string; householdId: string };
  household: Record<string, unknown> & {
    id: string;
    jurisdictionCode: string;
    residenceJurisdictionCode: string | null;
  };
}

const VALUE_COLUMNS = (kind: DataPushKind) => KINDS[kind].columns;

// ---------------------------------------------------------------------------------------------------
// Reading the rows

/** The API's field for a value key (the loss is given in yuan as lossAmount). */
const apiField = (key: ValueKey) => (key === 'lossFen' ? 'lossAmount' : key);
const API_VALUE_FIELDS = [
  'disabilityGrade',
  'disabilityCategory',
  'unemployedSince',
  'school',
  'admissionYear',
  'disasterKind',
  'disasterDate',
  'lossAmount',
  'monitoringStatus',
  'monitoringSince',
  'housingAssistance',
] as const;

function rowsOfApi(kind: DataPushKind, rows: DataPushRowInput[]): RawRow[] {
  const own = new Map(VALUE_COLUMNS(kind).map((c) => [apiField(c.key), c.key] as const));
  return rows.map((input, i) => {
    const record = input as unknown as Record<string, unknown>;
    const cells: RawRow['cells'] = {
      idNumber: input.idNumber,
      name: input.name ?? null,
      jurisdictionCode: input.jurisdictionCode ?? null,
    };
    const foreign: string[] = [];
    for (const field of API_VALUE_FIELDS) {
      const value = record[field];
      if (value === undefined || value === null) continue;
      const key = own.get(field);
      if (key) cells[key] = value as Cell;
      else foreign.push(field);
    }
    return { row: i + 1, cells, foreign };
  });
}

async function rowsOfFile(kind: DataPushKind, file: NonNullable<PushRequest['file']>) {
  const table = await readTable(decodeBase64(file.contentBase64, 'input.file.contentBase64'), file.format);
  const columns: (PushColumn | CommonColumn)[] = [
    COMMON_COLUMNS.idNumber,
    COMMON_COLUMNS.name,
    COMMON_COLUMNS.jurisdictionCode,
    ...VALUE_COLUMNS(kind),
  ];
  const match = matchHeader(table[0], columns);
  if (match.problems.length)
    throw badInput('input.file.contentBase64', match.problems.map((p) => p.message).join('; '));
  const rows: RawRow[] = [];
  for (let r = 1; r < table.length; r++) {
    const cells = table[r];
    if (cells.every(isEmpty)) continue;
    const raw: RawRow = { row: r + 1, cells: {}, foreign: [] };
    for (const { index, column } of match.used) raw.cells[column.key] = isEmpty(cells[index]) ? null : cells[index];
    rows.push(raw);
  }
  return { rows, ignoredColumns: match.ignoredColumns, headerOf: match.headerOf };
}

function emptyResult(row: number): DataPushRowResult {
  return { row, idNumber: null, outcome: DataPushOutcome.INVALID, changes: [], column: null, problem: null };
}

/** Checks one row: its ID number, its values (by the kind's columns) and the facts they set. */
function checkRow(
  kind: DataPushKind,
  raw: RawRow,
  principal: Principal,
  context: { asOf: string; today: string; sourceName: string; headerOf: (key: string) => string },
  vault: PersonalDataVault,
): CheckedRow {
  const checked: CheckedRow = {
    row: raw.row,
    idNumber: null,
    idHash: null,
    name: null,
    jurisdictionCode: null,
    values: {},
    facts: [],
    result: emptyResult(raw.row),
  };
  const invalid = (key: string | null, problem: string) => {
    checked.result.outcome = DataPushOutcome.INVALID;
    checked.result.column = key && context.headerOf(key);
    checked.result.problem = problem;
    return checked;
  };
  const id = raw.cells.idNumber;
  if (id === null || id === undefined || isEmpty(id)) return invalid('idNumber', 'The ID number is empty');
  let birthDate: string;
  try {
    const facts = parseIdNumber('idNumber', idNumberCell(id), context.today);
    checked.idNumber = facts.value;
    birthDate = facts.birthDate;
  } catch (error) {
    if (error instanceof CellProblem) return invalid('idNumber', error.message);
    if (error instanceof DomainError) return invalid('idNumber', error.message.replace(/^idNumber /, 'The ID number '));
    throw error;
  }
  checked.result.idNumber = maskIdNumber(checked.idNumber);
  checked.idHash = vault.lookupHash(checked.idNumber);
  if (raw.foreign.length) return invalid(raw.foreign[0], `${raw.foreign.join(', ')}: not a value of a ${kind} row`);

  const parse = (column: PushColumn | CommonColumn) => {
    const cell = raw.cells[column.key];
    if (cell === null || cell === undefined || isEmpty(cell)) {
      if (column.required)
        throw new CellProblem(ImportProblemCode.MISSING_VALUE, `${context.headerOf(column.key)} is empty`);
      return undefined;
    }
    return column.parse(cell);
  };
  for (const column of [COMMON_COLUMNS.name, COMMON_COLUMNS.jurisdictionCode, ...VALUE_COLUMNS(kind)]) {
    try {
      const value = parse(column);
      if (value === undefined) continue;
      if (column.key === 'name') checked.name = value as string;
      else if (column.key === 'jurisdictionCode') {
        if (!withinJurisdiction(principal, value as string))
          return invalid(column.key, `${String(value)} lies outside your jurisdiction`);
        checked.jurisdictionCode = value as string;
      } else (checked.values as Record<string, unknown>)[column.key] = value;
    } catch (error) {
      if (error instanceof CellProblem) return invalid(column.key, error.message);
      throw error;
    }
  }
  try {
    checked.facts = KINDS[kind].facts(checked.values, {
      asOf: context.asOf,
      birthDate,
      sourceName: context.sourceName,
    });
  } catch (error) {
    if (error instanceof CellProblem) return invalid(null, error.message);
    throw error;
  }
  checked.result.outcome = DataPushOutcome.UNMATCHED;
  return checked;
}

// ---------------------------------------------------------------------------------------------------
// Matching: the keyed hashes, a chunk at a time, with every field the history snapshots

const columnOf = (em: EntityManager, entity: string, property: string) =>
  em.getMetadata().get(entity).properties[property].fieldNames[0];
const typeOf = (em: EntityManager, entity: string, property: string) =>
  em.getMetadata().get(entity).properties[property].columnTypes[0];

/** json_build_object of the properties (PostgreSQL writes dates as YYYY-MM-DD): node parses it natively. */
function jsonOf(em: EntityManager, entity: string, alias: string, properties: readonly string[]) {
  return `json_build_object(${properties.map((p) => `'${p}', ${alias}."${columnOf(em, entity, p)}"`).join(', ')})`;
}

/**
 * A statement with its parameters bound by the server, in the entity manager's transaction if any. (`em.execute`
 * writes each parameter into the SQL text, escaped character by character: seconds for a batch's JSON.)
 */
async function sql<T = Record<string, unknown>>(em: EntityManager, text: string, params: unknown[]): Promise<T[]> {
  const query = em
    .getConnection()
    .getKnex()
    .raw(text, params as never[]);
  const transaction = em.getTransactionContext();
  if (transaction) query.transacting(transaction);
  const result = (await query) as { rows: T[] };
  return result.rows;
}

async function findByHashes(em: EntityManager, hashes: string[]): Promise<Map<string, Found>> {
  const person = em.getMetadata().get(Person.name);
  const household = em.getMetadata().get(Household.name);
  const found = new Map<string, Found>();
  for (let i = 0; i < hashes.length; i += LOOKUP_CHUNK) {
    const chunk = hashes.slice(i, i + LOOKUP_CHUNK);
    // One array parameter per statement (PostgreSQL takes at most 65,535 parameters); the unique index answers.
    const rows = await sql<{ hash: string; person: Found['person']; household: Found['household'] }>(
      em,
      `select p."${columnOf(em, Person.name, 'idNumberHash')}" as hash,
              ${jsonOf(em, Person.name, 'p', ['id', 'householdId', ...PERSON_FIELDS])} as person,
              ${jsonOf(em, Household.name, 'h', ['id', ...HOUSEHOLD_FIELDS])} as household
         from "${person.tableName}" p join "${household.tableName}" h on h.id = p."${columnOf(em, Person.name, 'householdId')}"
        where p."${columnOf(em, Person.name, 'idNumberHash')}" = any(?::text[])`,
      [`{${chunk.join(',')}}`],
    );
    for (const row of rows) found.set(row.hash, { person: row.person, household: row.household });
  }
  return found;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

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

/** What a batch remembers from chunk to chunk: small, whatever its size. */
export interface Batch {
  /** Household facts set by an earlier row: the row and the value (two rows of one household must agree). */
  householdFacts: Map<string, Map<string, { row: number; value: unknown }>>;
  /** Households whose facts changed, with their places: household.facts.changed tells programmes. */
  touched: Map<string, { jurisdictionCode: string; residenceJurisdictionCode: string | null }>;
  outOfReach: number;
  /** Whether the pusher reaches a household's places (hukou|residence), asked once a pair. */
  reach: Map<string, boolean>;
}

/** A matched row's person and household as read (`original`) and as the row leaves them. */
interface Matched {
  row: CheckedRow;
  person: Found['person'] & { original: Record<string, unknown> };
  household: Found['household'] & { original: Record<string, unknown> };
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

/**
 * A chunk's matched rows: one UPDATE … FROM jsonb_to_recordset per table (a single parameter, whatever the chunk's
 * size) and one history row per changed record with the office, the date of its data and the batch.
 */
async function writeFacts(tx: EntityManager, principal: Principal, push: DataPush, source: string, matched: Matched[]) {
  const persons = new Map<string, Matched['person']>();
  const households = new Map<string, Matched['household']>();
  const personFields = new Set<string>();
  const householdFields = new Set<string>();
  for (const { row, person, household } of matched) {
    for (const change of row.result.changes) {
      if (change.entityType === 'Person') {
        persons.set(person.id, person);
        personFields.add(change.field);
      } else {
        households.set(household.id, household);
        householdFields.add(change.field);
      }
    }
  }
  await updateMany(tx, Person.name, [...personFields], [...persons.values()]);
  await updateMany(tx, Household.name, [...householdFields], [...households.values()]);

  // History: the whole record as it stands afterwards, and what changed since it was read (`original`).
  const history: HouseholdChange[] = [];
  const add = (entityType: 'Person' | 'Household', record: Matched['person'] | Matched['household']) => {
    const snapshot = Object.fromEntries(
      (entityType === 'Person' ? PERSON_FIELDS : HOUSEHOLD_FIELDS).map((f) => [f, record[f] ?? null]),
    );
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const [field, from] of Object.entries(record.original))
      if (!same(from, snapshot[field])) changes[field] = { from: from ?? null, to: snapshot[field] };
    history.push(
      Object.assign(new HouseholdChange(), {
        householdId: entityType === 'Person' ? (record as Found['person']).householdId : record.id,
        entityType,
        entityId: record.id,
        changedById: principal.id,
        changedByOrganisationId: push.sourceOrganisationId,
        source,
        asOf: push.asOf,
        dataPushId: push.id,
        changes,
        snapshot,
      }),
    );
  };
  for (const person of persons.values()) add('Person', person);
  for (const household of households.values()) add('Household', household);
  for (let i = 0; i < history.length; i += WRITE_CHUNK)
    await insertMany(tx, HouseholdChange.name, history.slice(i, i + WRITE_CHUNK));
}

/** household.facts.changed, one event per EVENT_CHUNK households whose facts the push changed. */
export function publishFactsChanged(tx: EntityManager, push: DataPush, touched: Batch['touched']) {
  const ids = [...touched.keys()];
  for (let i = 0; i < ids.length; i += EVENT_CHUNK) {
    const chunk = ids.slice(i, i + EVENT_CHUNK);
    const codes = new Set<string>();
    for (const id of chunk) {
      const place = touched.get(id)!;
      codes.add(place.jurisdictionCode);
      if (place.residenceJurisdictionCode) codes.add(place.residenceJurisdictionCode);
    }
    publishEvent(tx, {
      type: 'household.facts.changed',
      aggregateId: push.id,
      payload: {
        householdIds: chunk,
        jurisdictionCodes: [...codes].sort(),
        source: push.sourceOrganisationId,
        asOf: push.asOf,
      },
    });
  }
}

/** UPDATE … FROM jsonb_to_recordset: the records' new values of `fields`, a chunk per statement. */
async function updateMany(tx: EntityManager, entity: string, fields: string[], records: Record<string, unknown>[]) {
  if (!fields.length || !records.length) return;
  const meta = tx.getMetadata().get(entity);
  const column = (property: string) => `"${columnOf(tx, entity, property)}"`;
  const version = meta.versionProperty ? column(meta.versionProperty) : null;
  const definition = fields.map((f) => `${column(f)} ${typeOf(tx, entity, f)}`).join(', ');
  const sets = [
    ...fields.map((f) => `${column(f)} = v.${column(f)}`),
    ...(version ? [`${version} = t.${version} + 1`] : []),
    `${column('updatedAt')} = now()`,
  ].join(', ');
  for (let i = 0; i < records.length; i += WRITE_CHUNK) {
    const chunk = records
      .slice(i, i + WRITE_CHUNK)
      .map((r) => Object.fromEntries([['id', r.id], ...fields.map((f) => [columnOf(tx, entity, f), r[f] ?? null])]));
    await sql(
      tx,
      `update "${meta.tableName}" t set ${sets}
         from jsonb_to_recordset(?::jsonb) as v(id uuid, ${definition})
        where t.id = v.id`,
      [JSON.stringify(chunk)],
    );
  }
}

/**
 * INSERT … SELECT FROM jsonb_to_recordset: records of `entity` (every persisted property) as one JSON parameter, so
 * the statement's text stays small whatever the batch (MikroORM's insertMany writes every value into the SQL).
 */
async function insertMany(tx: EntityManager, entity: string, records: object[]) {
  if (!records.length) return;
  const meta = tx.getMetadata().get(entity);
  const properties = meta.props.filter((p) => p.persist !== false && p.fieldNames?.length === 1 && !p.lazy);
  const columns = properties.map((p) => `"${p.fieldNames[0]}"`);
  const definition = properties.map((p) => `"${p.fieldNames[0]}" ${p.columnTypes[0]}`).join(', ');
  const rows = records.map((record) =>
    Object.fromEntries(
      properties.map((p) => {
        const value = (record as Record<string, unknown>)[p.name];
        return [p.fieldNames[0], value instanceof Date ? value.toISOString() : (value ?? null)];
      }),
    ),
  );
  await sql(
    tx,
    `insert into "${meta.tableName}" (${columns.join(', ')})
     select ${columns.join(', ')} from jsonb_to_recordset(?::jsonb) as v(${definition})`,
    [JSON.stringify(rows)],
  );
}

async function writeUnmatched(tx: EntityManager, vault: PersonalDataVault, push: DataPush, rows: CheckedRow[]) {
  let batch: DataPushUnmatchedRow[] = [];
  for (const row of rows) {
    if (row.result.outcome !== DataPushOutcome.UNMATCHED) continue;
    batch.push(
      Object.assign(new DataPushUnmatchedRow(), {
        dataPushId: push.id,
        row: row.row,
        kind: push.kind,
        jurisdictionCode: row.jurisdictionCode ?? push.jurisdictionCode,
        idNumberSealed: vault.encrypt(row.idNumber!),
        idNumberHash: row.idHash!,
        idNumberMasked: maskIdNumber(row.idNumber!),
        name: row.name,
        values: row.values,
      }),
    );
    if (batch.length >= WRITE_CHUNK) {
      await insertMany(tx, DataPushUnmatchedRow.name, batch);
      batch = [];
    }
  }
  if (batch.length) await insertMany(tx, DataPushUnmatchedRow.name, batch);
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
