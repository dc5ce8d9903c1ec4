/**
 * Bulk import of a household list (issue 4 point 6). The rules are those of createHousehold, applied to
 * every row; a file goes in whole, in one transaction, or not at all.
 *
 * The file is read as a stream (import.stream.ts): each line is parsed, validated and sealed as it arrives and
 * staged in a temporary table of the import's one transaction (import.stage.ts); what needs the whole file — a
 * household's head and members, its fields agreeing from line to line, an ID number twice, divisions that
 * exist, numbers already registered — is then asked of that table, and a clean file is written by a few
 * INSERT … SELECT statements with every record's first history entry and one audit entry. Memory holds a piece
 * of the file and a chunk of staged lines, whatever the file's size (issue 16 item 4).
 */
import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  createOnce,
  DomainError,
  ErrorCode,
  IdempotencyKey,
  importTimeoutMs,
  recordAudit,
  requiredPlainText,
  requirePermission,
  type Principal,
  shanghaiDate,
  badInput,
  maskIdNumber,
  maskPhone,
} from '@doudi/shared';
import { type PersonalDataVault } from '@doudi/shared';
import { TEXT_LIMITS, MAX_MEMBERS } from '../household/household.limits.js';
import { Person, RelationshipToHead } from '../person/person.entity.js';
import { reaches } from '../household/household.access.js';
import { validatePerson, withUniqueIdNumbers, type ValidPerson } from '../person/person.service.js';
import { refusedProbe, registeredElsewhere } from '../person/person.probing.js';
import { IMPORT_COLUMNS, ImportProblemCode } from './import.columns.js';
import {
  decodeBase64,
  MAX_FILE_BYTES,
  readerOf,
  recordOf,
  type ImportFormat,
  type ImportProblem,
  type ImportRecord,
  type RecordReader,
} from './import.parse.js';
import { readFile } from './import.stream.js';
import { sql } from '../push/push.sql.js';
import { idSequence, ImportStage, type StagedRow } from './import.stage.js';
import { knownJurisdictions, type OrganisationsQuery } from '../remote/organisations.js';

export interface ImportContext {
  em: EntityManager;
  principal: Principal;
  vault: PersonalDataVault;
  organisations: OrganisationsQuery;
  /** The caller's signed assertion, passed on to the organisations subgraph. */
  assertion: string;
  today?: string;
  /** Aborts when the caller is gone or its time is up: the import stops and its transaction rolls back. */
  signal?: AbortSignal;
}

export interface ImportRequest {
  fileName: string;
  format: ImportFormat;
  contentBase64: string;
  dryRun: boolean;
  idempotencyKey?: string | null;
}

/** An import whose file arrives as a stream of bytes (the streaming route, or the base64 of the mutation). */
export interface ImportFileRequest extends Omit<ImportRequest, 'contentBase64'> {
  content: AsyncIterable<Uint8Array>;
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
const OPERATION = 'importHouseholds';
/** The base64 of the mutation is read in pieces of this many bytes, like a file that streams in. */
const PIECE_BYTES = 64 * 1024;

/** The mutation: the file as base64 in the request (bounded by the gateway's body limit). */
export async function importHouseholds(context: ImportContext, request: ImportRequest): Promise<ImportResult> {
  requirePermission(context.principal, 'households:write');
  const bytes = decodeBase64(request.contentBase64);
  async function* pieces() {
    for (let i = 0; i < bytes.length; i += PIECE_BYTES) yield bytes.subarray(i, i + PIECE_BYTES);
  }
  return importHouseholdFile(context, { ...request, content: pieces() });
}

/** The outcome of the transaction: a report, or numbers registered out of reach to refuse after it. */
type Outcome = { result: ImportResult } | { elsewhere: string[]; fileSha256: string };

export async function importHouseholdFile(context: ImportContext, request: ImportFileRequest): Promise<ImportResult> {
  const { em, principal } = context;
  requirePermission(principal, 'households:write');
  const fileName = requiredPlainText('input.fileName', request.fileName, TEXT_LIMITS.fileName, 'A file name');
  const key = request.dryRun ? null : (request.idempotencyKey ?? null);
  if (key !== null && !/^[\x21-\x7e]{8,128}$/.test(key))
    throw badInput('idempotencyKey', 'idempotencyKey must be 8–128 visible ASCII characters (a UUID is ideal)');

  let outcome: Outcome;
  try {
    outcome = await withUniqueIdNumbers(em, principal, () =>
      em.transactional((tx) => importInTransaction(context, tx, request, fileName, key)),
    );
  } catch (error) {
    // A number registered by a concurrent write since the check: refused like any number registered elsewhere.
    if ((error as { code?: string }).code === '23505' && /id_number_hash/.test(String((error as Error).message)))
      throw registeredElsewhere();
    throw error;
  }
  if ('result' in outcome) return outcome.result;
  // The whole file is refused without saying which number, whose or where (issue 10 item 2).
  await refusedProbe(em, principal, 'IMPORT_DUPLICATE_ID_NUMBER_REFUSED', outcome.elsewhere, {
    fileName,
    fileSha256: outcome.fileSha256,
  });
  throw registeredElsewhere();
}

async function importInTransaction(
  context: ImportContext,
  tx: EntityManager,
  request: ImportFileRequest,
  fileName: string,
  key: string | null,
): Promise<Outcome> {
  const { principal, vault } = context;
  const today = context.today ?? shanghaiDate();
  // The import's instant is its transaction's (now(), which its records are stamped with: import.stage.ts).
  const [now] = await sql<{ at: string | Date }>(tx, 'select now() as at', []);
  const at = new Date(now.at);
  // The import is one transaction whose statements may each take longer than a request's usual bound (the role's
  // statement_timeout): the whole file's rows in one statement a table. It stops when its caller is gone (signal).
  // Its sorts and hashes over the staged file (100,000 lines: tens of MB) stay in memory rather than on disk.
  await sql(tx, `set local statement_timeout = ${Math.ceil(importTimeoutMs())}`, []);
  await sql(tx, `set local work_mem = '64MB'`, []);
  const ids = idSequence(at);
  const file = readFile(request.content, request.format);
  const defaults = personDefaults(tx, at);
  // From here until close or abort the transaction's connection is in COPY: nothing may throw outside the try below.
  const stage = await ImportStage.open(tx, defaults, !request.dryRun);
  const problems: ImportProblem[] = [];
  let reader: RecordReader | null = null;
  let rows = 0;
  try {
    for await (const piece of file.rows) {
      context.signal?.throwIfAborted();
      for (const { row, cells } of piece) {
        if (!reader) {
          reader = readerOf(cells);
          problems.push(...reader.problems);
          continue;
        }
        const read = recordOf(reader, cells, row);
        if (!read) continue;
        if (++rows > MAX_IMPORT_ROWS)
          throw new DomainError(ErrorCode.LIMIT_EXCEEDED, `At most ${MAX_IMPORT_ROWS} rows per file; split the list`, {
            field: 'input.contentBase64',
          });
        for (const problem of read.problems) problems.push(problem);
        const staged = stageRow(read.record, reader, problems, vault, today, !request.dryRun, ids);
        if (stage.add(staged)) await stage.flush();
      }
    }
    if (!rows) throw badInput('input.contentBase64', 'The list has no rows below the header row');
  } catch (error) {
    // Every refusal while the COPY is open ends it first: a connection left in COPY would never take the rollback.
    await stage.abort(error);
    throw error;
  }
  const fileSha256 = file.sha256();
  const counts = await stage.close();
  context.signal?.throwIfAborted();
  const result = (found: ImportProblem[], imported: boolean): ImportResult => ({
    fileName,
    fileSha256,
    dryRun: request.dryRun,
    rows,
    households: counts.households,
    people: counts.people,
    imported,
    problems: found.sort((a, b) => a.row - b.row),
    ignoredColumns: reader?.ignoredColumns ?? [],
  });

  // A retried import with the same key answers that it went in; the file is not checked against itself.
  if (key && (await alreadyImported(tx, key, fileSha256))) return { result: result([], true) };

  const elsewhere = await checkAcross(context, stage, reader!, problems);
  context.signal?.throwIfAborted();
  if (request.dryRun) {
    // A dry run flags nothing registered outside the caller's reach; that it looked is audited.
    await recordAudit(tx, 'households', principal, {
      action: 'IMPORT_DRY_RUN',
      entityType: 'HouseholdFile',
      entityId: fileSha256,
      detail: { fileName, rows, idNumbersRegisteredElsewhere: elsewhere.length },
    });
  }
  if (request.dryRun || problems.length) return { result: result(problems, false) };
  if (elsewhere.length) return { elsewhere, fileSha256 };

  await createOnce(
    tx,
    OPERATION,
    key,
    fingerprint(fileSha256),
    async (write) => {
      await stage.write(write, {
        at,
        byId: principal.id,
        byOrganisationId: principal.organisationId,
        source: `批量导入 ${fileName}`.slice(0, TEXT_LIMITS.source),
      });
      await recordAudit(write, 'households', principal, {
        action: 'IMPORT',
        entityType: 'HouseholdFile',
        entityId: fileSha256,
        detail: { fileName, rows, households: counts.households },
      });
      return { id: fileSha256 };
    },
    async () => undefined,
  );
  return { result: result([], true) };
}

/**
 * One line as staged: its person validated (createHousehold's rules) and sealed — ID and phone numbers encrypted,
 * the ID number's keyed hash and masked form — or its problem listed. A dry run seals nothing: it writes nothing.
 */
function stageRow(
  record: ImportRecord,
  reader: RecordReader,
  problems: ImportProblem[],
  vault: PersonalDataVault,
  today: string,
  seal: boolean,
  ids: () => string,
): StagedRow {
  let person: Record<string, unknown> | null = null;
  if (record.householdKey !== null && REQUIRED_PERSON_FIELDS.every((f) => record.person[f] !== undefined)) {
    try {
      const valid = validatePerson(record.person as Parameters<typeof validatePerson>[0], 'row', today);
      person = sealedLine(vault, valid, seal);
      person.id = ids();
    } catch (error) {
      if (!(error instanceof DomainError) || error.extensions.code !== ErrorCode.BAD_USER_INPUT) throw error;
      const field = String(error.extensions.field ?? '').replace(/^row\./, '') || null;
      const headerOf = (f: string) => reader.headerOf.get(f) ?? null;
      problems.push({
        row: record.row,
        column: field && headerOf(field),
        householdKey: record.householdKey,
        code: ImportProblemCode.BAD_VALUE,
        message: error.message.replace(/\brow\.(\w+)/g, (_, f: string) => headerOf(f) ?? f),
      });
    }
  }
  const householdId = ids();
  const householdChangeId = ids();
  return {
    row: record.row,
    householdKey: record.householdKey,
    head: record.person.relationshipToHead === RelationshipToHead.SELF,
    headUnknown: record.unreadable.has('relationshipToHead'),
    household: record.household as Record<string, unknown>,
    person,
    householdId,
    householdChangeId,
    personChangeId: ids(),
  };
}

/**
 * A line's person as sealPerson stores it (person.service.ts sealedFields: the same fields, the same sealing),
 * built as one object of a fixed shape — sealedFields' spreads cost more than the rest of a line's work. A dry run
 * (`seal` false) keeps the keyed hash alone.
 */
export function sealedLine(vault: PersonalDataVault, valid: ValidPerson, seal: boolean): Record<string, unknown> {
  const { idNumber, phone } = valid;
  const person: Record<string, unknown> = {
    id: null,
    name: valid.name,
    sex: valid.sex,
    birthDate: valid.birthDate,
    relationshipToHead: valid.relationshipToHead,
    idNumberSealed: null,
    idNumberHash: idNumber ? vault.lookupHash(idNumber) : null,
    idNumberMasked: null,
    phoneSealed: null,
    phoneMasked: null,
  };
  if (valid.facts) for (const key in valid.facts) person[key] = valid.facts[key as keyof typeof valid.facts];
  if (seal && idNumber) {
    person.idNumberSealed = vault.encrypt(idNumber);
    person.idNumberMasked = maskIdNumber(idNumber);
  }
  if (seal && phone) {
    person.phoneSealed = vault.encrypt(phone);
    person.phoneMasked = maskPhone(phone);
  }
  return person;
}

/** A new person's stored fields before the row's: the entity's defaults, created and updated now. */
function personDefaults(em: EntityManager, at: Date): Record<string, unknown> {
  const person = new Person() as unknown as Record<string, unknown>;
  const defaults: Record<string, unknown> = {};
  for (const p of em.getMetadata().get(Person.name).props) if (p.persist !== false) defaults[p.name] = person[p.name];
  return { ...defaults, createdAt: at, updatedAt: at };
}

const REQUIRED_PERSON_FIELDS = IMPORT_COLUMNS.flatMap((c) => (c.target === 'person' && c.required ? [c.field] : []));

/**
 * The problems only the whole file shows, added to `problems`; answers the keyed hashes of numbers registered
 * outside the caller's reach (refused without naming them).
 */
async function checkAcross(
  context: ImportContext,
  stage: ImportStage,
  reader: RecordReader,
  problems: ImportProblem[],
): Promise<string[]> {
  const { principal } = context;
  const headerOf = (field: string) => reader.headerOf.get(field) ?? null;
  const problem = (row: number, key: string | null, field: string | null, code: ImportProblemCode, message: string) =>
    problems.push({ row, column: field && headerOf(field), householdKey: key, code, message });

  // Household fields: the first line that gives one decides; a later line may not say otherwise.
  for (const m of await stage.mismatches())
    problem(
      m.row,
      m.key,
      m.field,
      ImportProblemCode.HOUSEHOLD_MISMATCH,
      `Household ${m.key} has ${m.decided} in an earlier row, this row says ${m.value}`,
    );

  const { households, extraHeads } = await stage.heads();
  for (const h of households) {
    if (h.heads === 0 && !h.head_unknown)
      problem(
        h.first_row,
        h.key,
        'relationshipToHead',
        ImportProblemCode.MISSING_HEAD,
        `Household ${h.key} has no head (户主): exactly one row must say so`,
      );
    if (h.members > MAX_MEMBERS)
      problem(
        h.row_past_limit!,
        h.key,
        null,
        ImportProblemCode.TOO_MANY_MEMBERS,
        `Household ${h.key} has ${h.members} rows; a household has at most ${MAX_MEMBERS} members`,
      );
  }
  for (const extra of extraHeads)
    problem(
      extra.row,
      extra.key,
      'relationshipToHead',
      ImportProblemCode.TWO_HEADS,
      `Household ${extra.key} already has a head in row ${extra.first}`,
    );

  // Every line is written within its household's jurisdiction: the caller must be allowed there.
  const forbidden = (await stage.placePairs())
    .filter(
      (p) =>
        !reaches(principal, 'households:write', { jurisdictionCode: p.own, residenceJurisdictionCode: p.residence }),
    )
    .map((p) => `${p.own}|${p.residence ?? ''}`);
  if (forbidden.length)
    for (const line of await stage.linesAt(forbidden))
      problem(
        line.row,
        line.key,
        'jurisdictionCode',
        ImportProblemCode.FORBIDDEN,
        `${line.own} lies outside your jurisdiction`,
      );

  const codes = await stage.divisionCodes();
  const known = await knownJurisdictions(context.organisations, context.assertion, codes);
  const unknown = codes.filter((code) => !known.has(code));
  if (unknown.length)
    for (const line of await stage.linesNaming(unknown))
      problem(
        line.row,
        line.key,
        line.field,
        ImportProblemCode.UNKNOWN_JURISDICTION,
        `No division ${line.code} is known`,
      );

  for (const duplicate of await stage.duplicateIdNumbers())
    problem(
      duplicate.row,
      duplicate.key,
      'idNumber',
      ImportProblemCode.DUPLICATE_IN_FILE,
      `Row ${duplicate.first} has the same ID number`,
    );

  // Only numbers registered within the caller's reach are flagged; the others are the keyed hashes the
  // import refuses without naming (a dry run must not tell who is on assistance elsewhere).
  const elsewhere: string[] = [];
  for (const found of await stage.registered()) {
    if (
      reaches(principal, 'households:read', {
        jurisdictionCode: found.code,
        residenceJurisdictionCode: found.residence,
      })
    )
      problem(
        found.row,
        found.key,
        'idNumber',
        ImportProblemCode.DUPLICATE_IN_REGISTRY,
        'This ID number is already registered',
      );
    else elsewhere.push(found.hash);
  }
  return elsewhere;
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
