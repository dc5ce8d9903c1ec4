/**
 * The rows of a household list staged in a temporary table of the import's transaction, then checked and written
 * by set-based statements: memory holds a piece of COPY text, whatever the file's size. `import_row` has one row a
 * line of the file (the person as it will be stored, sealed; the household fields the line gives), and
 * `import_household` one row a 户编号 (its first line, the fields that line's household takes, its heads).
 *
 * Lines go in by `COPY import_row FROM STDIN` (text format) on the transaction's connection as they are read: each
 * staged line is one line of COPY text, sent a piece at a time, and reading the file waits while PostgreSQL is
 * behind (the connection's back-pressure). The write is one INSERT … SELECT per table for the whole file, each
 * record's first history entry in the same statement (RETURNING), not a statement per chunk of households.
 */
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Knex } from '@mikro-orm/knex';
import { from as copyFrom } from 'pg-copy-streams';
import { Household } from '../household/household.entity.js';
import { MAX_MEMBERS } from '../household/household.limits.js';
import { Person } from '../person/person.entity.js';
import { HouseholdChange } from '../history/household-change.entity.js';
import { HOUSEHOLD_FIELDS, PERSON_FIELDS } from '../history/history.service.js';
import { jsonOf, sql } from '../push/push.sql.js';
import { IMPORT_COLUMNS } from './import.columns.js';

/** COPY text sent to PostgreSQL a piece of about this many characters at a time. */
export const COPY_PIECE_CHARS = 256 * 1024;

/** One line of the file as staged: a person only when the line's person passed validatePerson. */
export interface StagedRow {
  row: number;
  householdKey: string | null;
  head: boolean;
  /** The relationship cell could not be read: whether the household has a head is not known. */
  headUnknown: boolean;
  household: Record<string, unknown>;
  /** The person's stored fields (sealed), by property; those absent take the defaults the stage was opened with. */
  person: Record<string, unknown> | null;
  householdId: string;
  householdChangeId: string;
  personChangeId: string;
}

interface Column {
  name: string;
  type: string;
  value: (row: StagedRow) => unknown;
}

/** The household fields an import line may give, and the jurisdiction ones among them. */
export const HOUSEHOLD_IMPORT_FIELDS = IMPORT_COLUMNS.flatMap((c) => (c.target === 'household' ? [c.field] : []));
export const JURISDICTION_FIELDS = IMPORT_COLUMNS.flatMap((c) =>
  c.target === 'household' && c.jurisdiction ? [c.field] : [],
);

/** The person's properties a line can set: its columns (ID and phone numbers sealed, hashed, masked) and the id. */
const PERSON_STAGED = new Set<string>([
  'id',
  ...IMPORT_COLUMNS.flatMap((c) => (c.target === 'person' ? [c.field] : [])),
  'idNumberSealed',
  'idNumberHash',
  'idNumberMasked',
  'phoneSealed',
  'phoneMasked',
]);

const persisted = (em: EntityManager, entity: string) =>
  em
    .getMetadata()
    .get(entity)
    .props.filter((p) => p.persist !== false && p.fieldNames?.length === 1);

/**
 * Created, updated and changed at the transaction's now(), to the microsecond: the households' sync stamp (docs/sync.md)
 * then sees the new records as changed by this transaction and leaves them be (a JavaScript Date, to the millisecond,
 * would read as older and have every new household stamped again).
 */
const STAMPS = new Set(['createdAt', 'updatedAt']);

const sqlValue = (value: unknown) => (value instanceof Date ? value.toISOString() : (value ?? null));

const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A value in COPY's text format: \N for null, t/f, and a backslash, tab or line break escaped. */
export function copyText(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (value === true) return 't';
  if (value === false) return 'f';
  const text = typeof value === 'string' ? value : value instanceof Date ? value.toISOString() : String(value);
  return COPY_SPECIAL.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]) : text;
}

/**
 * A PostgreSQL array literal of the values, bound as one text parameter (knex would spread a JavaScript array into
 * one parameter per element).
 */
export function arrayLiteral<T>(values: readonly T[], valueOf: (value: T) => unknown = (v) => v): string {
  let literal = '{';
  for (let i = 0; i < values.length; i++) {
    const value = valueOf(values[i]);
    if (i) literal += ',';
    if (value === null || value === undefined) literal += 'NULL';
    else {
      const text = value instanceof Date ? value.toISOString() : String(value);
      literal += `"${/["\\]/.test(text) ? text.replace(/["\\]/g, '\\$&') : text}"`;
    }
  }
  return literal + '}';
}

/**
 * UUIDv7 ids for one import (RFC 9562 §6.2, method 3): the import's millisecond, then a counter that starts at a
 * random value and grows by one an id, then random bits — ordered as created, like newId's, without drawing random
 * bytes from the system for each (three ids a line, 100,000 lines).
 */
export function idSequence(at: Date): () => string {
  const hex = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
  const time = at.getTime().toString(16).padStart(12, '0');
  const prefix = `${time.slice(0, 8)}-${time.slice(8, 12)}-7`;
  let random = randomBytes(4096);
  let used = 0;
  const bytes = (n: number) => {
    if (used + n > random.length) {
      random = randomBytes(4096);
      used = 0;
    }
    used += n;
    return random.subarray(used - n, used);
  };
  // 12 bits of rand_a and the first 30 of rand_b (after the variant) count; the last 32 bits are random.
  const seed = bytes(4);
  let counter = ((seed[0] << 16) | (seed[1] << 8) | seed[2]) & 0x3ffffff;
  return () => {
    const value = counter++;
    const high = Math.floor(value / 2 ** 30);
    const low = value % 2 ** 30;
    const r = bytes(4);
    return (
      `${prefix}${(high & 0xfff).toString(16).padStart(3, '0')}-` +
      `${(0x8000 | (low >>> 16)).toString(16)}-${(low & 0xffff).toString(16).padStart(4, '0')}` +
      `${hex[r[0]]}${hex[r[1]]}${hex[r[2]]}${hex[r[3]]}`
    );
  };
}

export class ImportStage {
  /** The COPY of this stage's lines, open until close (or abort). */
  private copy: ReturnType<typeof copyFrom> | null = null;
  /** Settles when the COPY has ended: PostgreSQL's answer, or its error. */
  private copied: Promise<unknown> = Promise.resolve();
  /** COPY text not yet sent. */
  private text = '';
  private readonly columns: Column[];
  /** Household property → its column in the stage (`h_` and the household's column). */
  readonly staged = new Map<string, string>();
  private readonly householdColumn: (property: string) => string;

  private constructor(
    private readonly tx: EntityManager,
    private readonly defaults: Record<string, unknown>,
    writing: boolean,
  ) {
    const household = tx.getMetadata().get(Household.name);
    this.householdColumn = (property) => household.properties[property].fieldNames[0];
    const fields: Column[] = HOUSEHOLD_IMPORT_FIELDS.map((field) => {
      const property = household.properties[field];
      const name = `h_${property.fieldNames[0]}`;
      this.staged.set(field, name);
      return { name, type: property.columnTypes[0], value: (r) => r.household[field] };
    });
    // A dry run writes nobody: of the person it stages only what the checks read (the ID number's keyed hash). An
    // import stages what a line can set; the other columns are the same for every person (the defaults).
    const people: Column[] = persisted(tx, Person.name)
      .filter((p) => (writing ? PERSON_STAGED.has(p.name) : p.name === 'idNumberHash'))
      .map((p) => ({
        name: p.fieldNames[0],
        type: p.columnTypes[0],
        value: (r) => {
          if (!r.person) return null;
          const value = r.person[p.name];
          return value === undefined ? defaults[p.name] : value;
        },
      }));
    this.columns = [
      { name: 'row', type: 'integer', value: (r) => r.row },
      { name: 'household_key', type: 'text', value: (r) => r.householdKey },
      { name: 'head', type: 'boolean', value: (r) => r.head },
      { name: 'head_unknown', type: 'boolean', value: (r) => r.headUnknown },
      { name: 'valid', type: 'boolean', value: (r) => r.person !== null },
      { name: 'household_id', type: 'uuid', value: (r) => r.householdId },
      { name: 'household_change_id', type: 'uuid', value: (r) => r.householdChangeId },
      { name: 'person_change_id', type: 'uuid', value: (r) => r.personChangeId },
      ...fields,
      ...people,
    ];
  }

  /** The stage of this transaction: its tables are dropped when it ends, and its COPY is open until close. */
  /** `defaults`: a new person's fields, for those a line does not give; `writing` false for a dry run. */
  static async open(tx: EntityManager, defaults: Record<string, unknown>, writing: boolean): Promise<ImportStage> {
    const stage = new ImportStage(tx, defaults, writing);
    const columns = stage.columns.map((c) => `"${c.name}"`).join(', ');
    await sql(
      tx,
      `create temporary table import_row (${stage.columns.map((c) => `"${c.name}" ${c.type}`).join(', ')})
       on commit drop`,
      [],
    );
    // The transaction's own connection (knex hands it to every statement of the transaction).
    const transaction = tx.getTransactionContext<Knex.Transaction>();
    if (!transaction) throw new Error('ImportStage.open needs a transaction');
    const connection = (await (
      transaction as unknown as { client: { acquireConnection(): Promise<unknown> } }
    ).client.acquireConnection()) as { query(query: ReturnType<typeof copyFrom>): unknown };
    const copy = copyFrom(`copy import_row (${columns}) from stdin`);
    stage.copy = copy;
    stage.copied = new Promise((resolve, reject) => {
      copy.once('finish', resolve);
      copy.once('error', reject);
    });
    stage.copied.catch(() => undefined);
    connection.query(copy);
    return stage;
  }

  /** Stages a line; true when a piece of COPY text is ready (then flush before the next). */
  add(row: StagedRow): boolean {
    const columns = this.columns;
    let line = copyText(columns[0].value(row));
    for (let i = 1; i < columns.length; i++) line += '\t' + copyText(columns[i].value(row));
    this.text += line + '\n';
    return this.text.length >= COPY_PIECE_CHARS;
  }

  /**
   * Sends the COPY text staged so far; returns at once while the connection takes it, else once it has drained
   * (reading the file waits for PostgreSQL). An error of the COPY is thrown here or by close.
   */
  async flush() {
    const copy = this.copy!;
    if (!this.text) return;
    const text = this.text;
    this.text = '';
    if (copy.write(text)) return;
    await Promise.race([once(copy, 'drain'), this.copied]);
  }

  /** Ends the COPY without its rows (the import failed while reading): the connection is free for the rollback. */
  async abort(error: unknown) {
    const copy = this.copy;
    this.copy = null;
    this.text = '';
    if (!copy || copy.writableFinished || copy.destroyed) return;
    copy.destroy(error instanceof Error ? error : new Error('the import was abandoned'));
    await this.copied.catch(() => undefined);
  }

  /** The last rows staged; then one row a household: its first line, members, heads and the fields it takes. */
  async close(): Promise<{ households: number; people: number }> {
    await this.flush();
    this.copy!.end();
    await this.copied;
    this.copy = null;
    const decided = [...this.staged.values()].map(
      (c) => `(array_agg("${c}" order by row) filter (where "${c}" is not null))[1] as "${c}"`,
    );
    await sql(this.tx, 'analyze import_row (household_key, id_number_hash)', []);
    await sql(
      this.tx,
      `create temporary table import_household on commit drop as
       select household_key, min(row) as first_row, count(*)::int as members,
              count(*) filter (where head)::int as heads, min(row) filter (where head) as first_head,
              bool_or(head_unknown) as head_unknown,
              (array_agg(row order by row))[${MAX_MEMBERS + 1}] as row_past_limit,
              (array_agg(household_id order by row))[1] as id,
              (array_agg(household_change_id order by row))[1] as change_id,
              ${decided.join(', ')}
         from import_row where household_key is not null group by household_key`,
      [],
    );
    await sql(this.tx, 'analyze import_household', []);
    const [counts] = await sql<{ households: number; people: number }>(
      this.tx,
      'select count(*)::int as households, coalesce(sum(members), 0)::int as people from import_household',
      [],
    );
    return counts;
  }

  // -------------------------------------------------------------------------------------------------
  // Checks across lines

  /** Lines giving a household field another value than the household's first line that gives one. */
  mismatches() {
    // One join of the lines to their households, then the fields that differ (not a join a field).
    const differs = (c: string) => `(r."${c}" is not null and r."${c}" <> h."${c}")`;
    const fields = [...this.staged].map(([field, c]) => `('${field}', r."${c}"::text, h."${c}"::text, ${differs(c)})`);
    return sql<{ row: number; key: string; field: string; value: string; decided: string }>(
      this.tx,
      `select r.row, r.household_key as key, f.field, f.value, f.decided
         from import_row r join import_household h using (household_key)
         cross join lateral (values ${fields.join(', ')}) f(field, value, decided, differs)
        where (${[...this.staged.values()].map(differs).join(' or ')}) and f.differs
        order by r.row`,
      [],
    );
  }

  /** Households with no head, more than one, or too many members. */
  async heads() {
    const households = await sql<{
      key: string;
      first_row: number;
      heads: number;
      head_unknown: boolean;
      members: number;
      row_past_limit: number | null;
    }>(
      this.tx,
      `select household_key as key, first_row, heads, head_unknown, members, row_past_limit from import_household
        where heads <> 1 or members > ?`,
      [MAX_MEMBERS],
    );
    // Only the households with more than one head are looked at again.
    const extraHeads = households.some((h) => h.heads > 1)
      ? await sql<{ row: number; key: string; first: number }>(
          this.tx,
          `select r.row, r.household_key as key, h.first_head as first
             from import_row r join import_household h using (household_key)
            where h.heads > 1 and r.head and r.row <> h.first_head`,
          [],
        )
      : [];
    return { households, extraHeads };
  }

  /** Each line's hukou place (its own, else its household's) and its own residence, as SQL over r and h. */
  private places() {
    const own = this.staged.get('jurisdictionCode')!;
    const residence = this.staged.get('residenceJurisdictionCode')!;
    return {
      own: `coalesce(r."${own}", h."${own}")`,
      residence: `r."${residence}"`,
    };
  }

  /** The distinct (hukou place, residence) pairs the lines write to. */
  placePairs() {
    const { own, residence } = this.places();
    return sql<{ own: string; residence: string | null }>(
      this.tx,
      `select distinct ${own} as own, ${residence} as residence
         from import_row r join import_household h using (household_key) where ${own} is not null`,
      [],
    );
  }

  /** The lines writing to one of the pairs (`own|residence`). */
  linesAt(pairs: string[]) {
    const { own, residence } = this.places();
    return sql<{ row: number; key: string; own: string }>(
      this.tx,
      `select r.row, r.household_key as key, ${own} as own
         from import_row r join import_household h using (household_key)
        where ${own} || '|' || coalesce(${residence}, '') = any(?::text[])`,
      [arrayLiteral(pairs)],
    );
  }

  /** Every division code the file names. */
  async divisionCodes(): Promise<string[]> {
    const columns = JURISDICTION_FIELDS.map((f) => this.staged.get(f)!);
    const rows = await sql<{ code: string }>(
      this.tx,
      `select distinct code from (${columns.map((c) => `select "${c}" as code from import_row`).join(' union all ')}) c
        where code is not null`,
      [],
    );
    return rows.map((r) => r.code);
  }

  /** The lines naming one of the codes, with the field that names it. */
  linesNaming(codes: string[]) {
    const parts = JURISDICTION_FIELDS.map((field) => {
      const c = this.staged.get(field)!;
      return `select row, household_key as key, '${field}' as field, "${c}" as code from import_row where "${c}" = any(?::text[])`;
    });
    return sql<{ row: number; key: string | null; field: string; code: string }>(
      this.tx,
      parts.join(' union all '),
      JURISDICTION_FIELDS.map(() => arrayLiteral(codes)),
    );
  }

  /** Lines whose ID number an earlier valid line of the file has. */
  duplicateIdNumbers() {
    // The numbers given more than once (a hash aggregate), then only their lines.
    return sql<{ row: number; key: string; first: number }>(
      this.tx,
      `with twice as (
         select id_number_hash, min(row) as first from import_row
          where valid and household_key is not null and id_number_hash is not null
          group by id_number_hash having count(*) > 1)
       select r.row, r.household_key as key, t.first
         from import_row r join twice t using (id_number_hash)
        where r.valid and r.household_key is not null and r.row <> t.first`,
      [],
    );
  }

  /** The first line of each ID number already registered, with the places of the household it is registered in. */
  registered() {
    const person = this.tx.getMetadata().get(Person.name);
    const col = (p: string) => `"${person.properties[p].fieldNames[0]}"`;
    return sql<{ row: number; key: string; hash: string; code: string; residence: string | null }>(
      this.tx,
      `select f.row, f.household_key as key, f.id_number_hash as hash,
              h."${this.householdColumn('jurisdictionCode')}" as code,
              h."${this.householdColumn('residenceJurisdictionCode')}" as residence
         from (select distinct on (id_number_hash) row, household_key, id_number_hash from import_row
                where valid and household_key is not null and id_number_hash is not null
                order by id_number_hash, row) f
         join "${person.tableName}" p on p.${col('idNumberHash')} = f.id_number_hash
         join "${this.tx.getMetadata().get(Household.name).tableName}" h on h.id = p.${col('householdId')}`,
      [],
    );
  }

  // -------------------------------------------------------------------------------------------------
  // The write: households, people, and each one's first entry in the history

  /** `tx`: the transaction to write in (createOnce's, nested in the stage's). */
  async write(
    tx: EntityManager,
    change: { at: Date; byId: string | null; byOrganisationId: string | null; source: string },
  ) {
    const householdMeta = tx.getMetadata().get(Household.name);
    const personMeta = tx.getMetadata().get(Person.name);
    const prototype = new Household() as unknown as Record<string, unknown>;
    Object.assign(prototype, { createdAt: change.at, updatedAt: change.at });
    const params: unknown[] = [];
    const expressions = persisted(tx, Household.name).map((p) => {
      if (p.name === 'id') return 'h.id';
      const staged = this.staged.get(p.name);
      if (p.name === 'residenceJurisdictionCode')
        return `nullif(h."${staged}", h."${this.staged.get('jurisdictionCode')}")`;
      if (staged) return `h."${staged}"`;
      if (STAMPS.has(p.name)) return 'now()';
      params.push(sqlValue(prototype[p.name]));
      return `?::${p.columnTypes[0]}`;
    });
    const columns = persisted(tx, Household.name).map((p) => `"${p.fieldNames[0]}"`);
    const personProps = persisted(tx, Person.name);
    const personParams: unknown[] = [];
    const personValues = personProps.map((p) => {
      if (p.name === 'householdId') return 'h.id';
      if (PERSON_STAGED.has(p.name)) return `r."${p.fieldNames[0]}"`;
      if (STAMPS.has(p.name)) return 'now()';
      personParams.push(sqlValue(this.defaults[p.name]));
      return `?::${p.columnTypes[0]}`;
    });
    const history = tx.getMetadata().get(HouseholdChange.name);
    const hc = (p: string) => `"${history.properties[p].fieldNames[0]}"`;
    const into = `insert into "${history.tableName}" (${[
      'id',
      'householdId',
      'entityType',
      'entityId',
      'changedAt',
      'changedById',
      'changedByOrganisationId',
      'source',
      'changes',
      'snapshot',
    ]
      .map(hc)
      .join(', ')})`;
    const by = [change.byId, change.byOrganisationId, change.source];
    // One statement a table for the whole file, each record's first history entry (its state as stored, from
    // RETURNING, with the change id staged for it) in the same statement. The import's transaction gives its
    // statements longer than the role's statement_timeout (importInTransaction).
    // Imported records enter the history like any other: their first state, from this file.
    await sql(
      tx,
      `with x as (
         insert into "${householdMeta.tableName}" (${columns.join(', ')})
         select ${expressions.join(', ')} from import_household h order by h.first_row
         returning *)
       ${into}
       select h.change_id, x.id, 'Household', x.id, now(), ?, ?, ?, '{}'::jsonb,
              ${jsonOf(tx, Household.name, 'x', HOUSEHOLD_FIELDS).replace('json_build_object', 'jsonb_build_object')}
         from x join import_household h on h.id = x.id`,
      [...params, ...by],
    );
    await sql(
      tx,
      `with x as (
         insert into "${personMeta.tableName}" (${personProps.map((p) => `"${p.fieldNames[0]}"`).join(', ')})
         select ${personValues.join(', ')}
           from import_row r join import_household h using (household_key)
         returning *)
       ${into}
       select r.person_change_id, x."${personMeta.properties.householdId.fieldNames[0]}", 'Person', x.id,
              now(), ?, ?, ?, '{}'::jsonb,
              ${jsonOf(tx, Person.name, 'x', PERSON_FIELDS).replace('json_build_object', 'jsonb_build_object')}
         from x join import_row r on r.id = x.id`,
      [...personParams, ...by],
    );
  }
}
