/**
 * Bulk import of a household list (issue 4 point 6). The rules are those of createHousehold, applied to
 * every row; a file goes in whole, in one transaction, or not at all.
 */
import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  badInput,
  createOnce,
  DomainError,
  ErrorCode,
  IdempotencyKey,
  recordAudit,
  requiredPlainText,
  requirePermission,
  type Principal,
  shanghaiDate,
} from '@doudi/shared';
import { type PersonalDataVault } from '../personal-data/vault.js';
import { Household } from '../household/household.entity.js';
import { MAX_MEMBERS, TEXT_LIMITS } from '../household/household.limits.js';
import { Person, RelationshipToHead } from '../person/person.entity.js';
import { reaches } from '../household/household.access.js';
import { creationChange } from '../history/history.service.js';
import { HouseholdChange } from '../history/household-change.entity.js';
import { sealPerson, validatePerson, withUniqueIdNumbers, type ValidPerson } from '../person/person.service.js';
import { refusedProbe, registeredElsewhere } from '../person/person.probing.js';
import type { CreateHouseholdInput } from '../household/household.inputs.js';
import { IMPORT_COLUMNS, ImportProblemCode } from './import.columns.js';
import {
  decodeBase64,
  MAX_FILE_BYTES,
  readTable,
  toRecords,
  type ImportFormat,
  type ImportProblem,
  type ImportRecord,
  type ImportTable,
} from './import.parse.js';
import { knownJurisdictions, type OrganisationsQuery } from '../remote/organisations.js';

export interface ImportContext {
  em: EntityManager;
  principal: Principal;
  vault: PersonalDataVault;
  organisations: OrganisationsQuery;
  /** The caller's signed assertion, passed on to the organisations subgraph. */
  assertion: string;
  today?: string;
}

export interface ImportRequest {
  fileName: string;
  format: ImportFormat;
  contentBase64: string;
  dryRun: boolean;
  idempotencyKey?: string | null;
}

export interface ImportResult {
  fileName: string;
  fileSha256: string;
  dryRun: boolean;
  rows: number;
  households: number;
  people: number;
  imported: boolean;
  problems: ImportProblem[];
  ignoredColumns: string[];
}

export const MAX_IMPORT_BYTES = MAX_FILE_BYTES;
export const MAX_IMPORT_ROWS = 200_000;
const INSERT_CHUNK = 1_000;
const OPERATION = 'importHouseholds';

/** One household of the file: its rows, the fields they give it, and the people who passed. */
interface PlannedHousehold {
  key: string;
  records: ImportRecord[];
  fields: Partial<CreateHouseholdInput>;
  people: ValidPerson[];
}

export async function importHouseholds(context: ImportContext, request: ImportRequest): Promise<ImportResult> {
  const { em, principal } = context;
  requirePermission(principal, 'households:write');
  const fileName = requiredPlainText('input.fileName', request.fileName, TEXT_LIMITS.fileName, 'A file name');
  const bytes = decodeBase64(request.contentBase64);
  const fileSha256 = createHash('sha256').update(bytes).digest('hex');
  const table = toRecords(await readTable(bytes, request.format));
  if (!table.records.length) throw badInput('input.contentBase64', 'The list has no rows below the header row');
  if (table.records.length > MAX_IMPORT_ROWS) {
    throw new DomainError(ErrorCode.LIMIT_EXCEEDED, `At most ${MAX_IMPORT_ROWS} rows per file; split the list`, {
      field: 'input.contentBase64',
    });
  }
  const result = (households: PlannedHousehold[], problems: ImportProblem[], imported: boolean): ImportResult => ({
    fileName,
    fileSha256,
    dryRun: request.dryRun,
    rows: table.records.length,
    households: households.length,
    people: households.reduce((sum, h) => sum + h.records.length, 0),
    imported,
    problems: problems.sort((a, b) => a.row - b.row),
    ignoredColumns: table.ignoredColumns,
  });

  const key = request.dryRun ? null : (request.idempotencyKey ?? null);
  if (key && (await alreadyImported(em, key, fileSha256))) {
    return result(groupByHousehold(table.records), [], true);
  }

  const { households, problems, registeredElsewhere: elsewhere } = await check(context, table);
  if (request.dryRun) {
    // A dry run flags nothing registered outside the caller's reach; that it looked is audited.
    await recordAudit(em, 'households', principal, {
      action: 'IMPORT_DRY_RUN',
      entityType: 'HouseholdFile',
      entityId: fileSha256,
      detail: { fileName, rows: table.records.length, idNumbersRegisteredElsewhere: elsewhere.length },
    });
  }
  if (request.dryRun || problems.length) return result(households, problems, false);
  if (elsewhere.length) {
    // The whole file is refused without saying which number, whose or where (issue 10 item 2).
    await refusedProbe(em, principal, 'IMPORT_DUPLICATE_ID_NUMBER_REFUSED', elsewhere, { fileName, fileSha256 });
    throw registeredElsewhere();
  }

  await withUniqueIdNumbers(em, principal, () =>
    createOnce(
      em,
      OPERATION,
      key,
      fingerprint(fileSha256),
      async (tx) => {
        await insertInChunks(tx, context.vault, households, principal, `批量导入 ${fileName}`.slice(0, 100));
        await recordAudit(tx, 'households', principal, {
          action: 'IMPORT',
          entityType: 'HouseholdFile',
          entityId: fileSha256,
          detail: { fileName, rows: table.records.length, households: households.length },
        });
        return { id: fileSha256 };
      },
      async () => undefined,
    ),
  );
  return result(households, [], true);
}

/** What createOnce fingerprints: the file's content, whatever it is called. */
const fingerprint = (fileSha256: string) => ({ fileSha256 });

/** A retried import with the same key: true if it went in; CONFLICT if the key was used for another file. */
async function alreadyImported(em: EntityManager, key: string, fileSha256: string): Promise<boolean> {
  const previous = await em.findOne(IdempotencyKey, { operation: OPERATION, key });
  if (!previous) return false;
  const hash = createHash('sha256')
    .update(JSON.stringify(fingerprint(fileSha256)))
    .digest('hex');
  if (previous.requestHash !== hash) {
    throw new DomainError(ErrorCode.CONFLICT, `idempotencyKey "${key}" was already used for a different file`, {
      field: 'idempotencyKey',
    });
  }
  return true;
}

function groupByHousehold(records: ImportRecord[]): PlannedHousehold[] {
  const households = new Map<string, PlannedHousehold>();
  for (const record of records) {
    if (record.householdKey === null) continue;
    let household = households.get(record.householdKey);
    if (!household) {
      household = { key: record.householdKey, records: [], fields: {}, people: [] };
      households.set(record.householdKey, household);
    }
    household.records.push(record);
  }
  return [...households.values()];
}

/** Every problem of the file, and the households as they would be written. */
export async function check(context: ImportContext, table: ImportTable) {
  const { principal, vault } = context;
  const today = context.today ?? shanghaiDate();
  const problems = [...table.problems];
  const headerOf = (field: string) => table.headerOf.get(field) ?? null;
  const problem = (record: ImportRecord, field: string | null, code: ImportProblemCode, message: string) =>
    problems.push({
      row: record.row,
      column: field && headerOf(field),
      householdKey: record.householdKey,
      code,
      message,
    });

  const households = groupByHousehold(table.records);
  const jurisdictionFields = IMPORT_COLUMNS.flatMap((c) =>
    c.target === 'household' && c.jurisdiction ? [c.field] : [],
  );
  const householdFields = IMPORT_COLUMNS.flatMap((c) => (c.target === 'household' ? [c.field] : []));
  const requiredPersonFields = IMPORT_COLUMNS.flatMap((c) => (c.target === 'person' && c.required ? [c.field] : []));
  const firstRowOfId = new Map<string, ImportRecord>();
  const codes = new Set<string>();

  for (const household of households) {
    const heads: ImportRecord[] = [];
    let headUnknown = false;
    for (const record of household.records) {
      // Household fields: the first row that gives one decides; a later row may not say otherwise.
      for (const field of householdFields) {
        const value = record.household[field];
        if (value === undefined) continue;
        const decided = household.fields[field];
        if (decided === undefined) (household.fields as Record<string, unknown>)[field] = value;
        else if (decided !== value)
          problem(
            record,
            field,
            ImportProblemCode.HOUSEHOLD_MISMATCH,
            `Household ${household.key} has ${String(decided)} in an earlier row, this row says ${String(value)}`,
          );
      }
      if (record.unreadable.has('relationshipToHead')) headUnknown = true;
      if (record.person.relationshipToHead === RelationshipToHead.SELF) heads.push(record);
      if (requiredPersonFields.some((f) => record.person[f] === undefined)) continue;
      try {
        const person = validatePerson(record.person as Parameters<typeof validatePerson>[0], 'row', today);
        household.people.push(person);
        if (person.idNumber) {
          const first = firstRowOfId.get(person.idNumber);
          if (first)
            problem(record, 'idNumber', ImportProblemCode.DUPLICATE_IN_FILE, `Row ${first.row} has the same ID number`);
          else firstRowOfId.set(person.idNumber, record);
        }
      } catch (error) {
        if (!(error instanceof DomainError) || error.extensions.code !== ErrorCode.BAD_USER_INPUT) throw error;
        const field = String(error.extensions.field ?? '').replace(/^row\./, '') || null;
        problem(
          record,
          field,
          ImportProblemCode.BAD_VALUE,
          error.message.replace(/\brow\.(\w+)/g, (_, f: string) => headerOf(f) ?? f),
        );
      }
    }
    if (heads.length === 0 && !headUnknown) {
      problem(
        household.records[0],
        'relationshipToHead',
        ImportProblemCode.MISSING_HEAD,
        `Household ${household.key} has no head (户主): exactly one row must say so`,
      );
    }
    if (household.records.length > MAX_MEMBERS) {
      problem(
        household.records[MAX_MEMBERS],
        null,
        ImportProblemCode.TOO_MANY_MEMBERS,
        `Household ${household.key} has ${household.records.length} rows; a household has at most ${MAX_MEMBERS} members`,
      );
    }
    for (const extra of heads.slice(1)) {
      problem(
        extra,
        'relationshipToHead',
        ImportProblemCode.TWO_HEADS,
        `Household ${household.key} already has a head in row ${heads[0].row}`,
      );
    }

    // Every row is written within the household's jurisdiction: the caller must be allowed there.
    const code = household.fields.jurisdictionCode;
    for (const record of household.records) {
      const own = record.household.jurisdictionCode ?? code;
      const residence = (record.household.residenceJurisdictionCode as string | undefined) ?? null;
      if (
        own &&
        !reaches(principal, 'households:write', { jurisdictionCode: own, residenceJurisdictionCode: residence })
      )
        problem(record, 'jurisdictionCode', ImportProblemCode.FORBIDDEN, `${own} lies outside your jurisdiction`);
    }
    for (const field of jurisdictionFields)
      for (const record of household.records) {
        const value = record.household[field];
        if (typeof value === 'string') codes.add(value);
      }
  }

  const known = await knownJurisdictions(context.organisations, context.assertion, [...codes]);
  for (const record of table.records)
    for (const field of jurisdictionFields) {
      const value = record.household[field];
      if (typeof value === 'string' && !known.has(value))
        problem(record, field, ImportProblemCode.UNKNOWN_JURISDICTION, `No division ${value} is known`);
    }

  // Only numbers registered within the caller's reach are flagged; the others are the keyed hashes the
  // import refuses without naming (a dry run must not tell who is on assistance elsewhere).
  const registered = await registeredIdNumbers(context.em, vault, [...firstRowOfId.keys()]);
  const registeredElsewhere: string[] = [];
  for (const [idNumber, first] of firstRowOfId) {
    const place = registered.get(idNumber);
    if (!place) continue;
    if (reaches(principal, 'households:read', place))
      problem(first, 'idNumber', ImportProblemCode.DUPLICATE_IN_REGISTRY, 'This ID number is already registered');
    else registeredElsewhere.push(vault.lookupHash(idNumber));
  }
  return { households, problems, registeredElsewhere };
}

type Place = Pick<Household, 'jurisdictionCode' | 'residenceJurisdictionCode'>;

/** The ID numbers already registered, with their households' places, in one query over all the file's keyed hashes. */
async function registeredIdNumbers(
  em: EntityManager,
  vault: PersonalDataVault,
  idNumbers: string[],
): Promise<Map<string, Place>> {
  if (!idNumbers.length) return new Map();
  const byHash = new Map(idNumbers.map((n) => [vault.lookupHash(n), n]));
  const person = em.getMetadata().get(Person.name);
  const household = em.getMetadata().get(Household.name);
  const column = (meta: typeof person, property: string) => `"${meta.properties[property].fieldNames[0]}"`;
  // One array parameter rather than one per hash: PostgreSQL takes at most 65,535 parameters.
  const rows: { hash: string; code: string; residence: string | null }[] = await em.getConnection().execute(
    `select p.${column(person, 'idNumberHash')} as hash, h.${column(household, 'jurisdictionCode')} as code,
            h.${column(household, 'residenceJurisdictionCode')} as residence
       from "${person.tableName}" p join "${household.tableName}" h on h.id = p.${column(person, 'householdId')}
      where p.${column(person, 'idNumberHash')} = any(?::text[])`,
    [`{${[...byHash.keys()].join(',')}}`],
  );
  return new Map(
    rows.map((row) => [
      byHash.get(row.hash)!,
      { jurisdictionCode: row.code, residenceJurisdictionCode: row.residence },
    ]),
  );
}

/**
 * The households and their people as stored (personal data sealed by sealPerson), inserted in batches of
 * about INSERT_CHUNK people (about 20 parameters a row, far below PostgreSQL's 65,535 per statement).
 * Each batch is built just before it is inserted, so memory stays flat however long the file is.
 */
async function insertInChunks(
  tx: EntityManager,
  vault: PersonalDataVault,
  planned: PlannedHousehold[],
  principal: Principal,
  source: string,
) {
  let households: Household[] = [];
  let people: Person[] = [];
  // Imported records enter the history like any other: their first state, from this file.
  let changes: HouseholdChange[] = [];
  const flush = async () => {
    if (households.length) await tx.insertMany(Household, households);
    if (people.length) await tx.insertMany(Person, people);
    if (changes.length) await tx.insertMany(HouseholdChange, changes);
    households = [];
    people = [];
    changes = [];
  };
  for (const { fields, people: members } of planned) {
    const household: Household = Object.assign(new Household(), fields, {
      jurisdictionCode: fields.jurisdictionCode,
      address: fields.address?.trim() || null,
    });
    if (household.residenceJurisdictionCode === household.jurisdictionCode) household.residenceJurisdictionCode = null;
    households.push(household);
    changes.push(creationChange(principal, source, household));
    for (const member of members) {
      const person = sealPerson(vault, household.id, member);
      people.push(person);
      changes.push(creationChange(principal, source, person));
    }
    if (people.length >= INSERT_CHUNK) await flush();
  }
  await flush();
}
