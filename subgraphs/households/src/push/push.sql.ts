/**
 * The statements a push needs at its size: lookups and writes of whole chunks, each as one array or JSON parameter
 * (PostgreSQL takes at most 65,535 parameters a statement), bound by the server.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { Person } from '../person/person.entity.js';
import { Household } from '../household/household.entity.js';
import { HOUSEHOLD_FIELDS, PERSON_FIELDS } from '../history/history.service.js';

/** Hashes looked up per statement, rows updated per statement, history rows inserted per statement. */
export const LOOKUP_CHUNK = 5_000;
export const WRITE_CHUNK = 2_000;

/** The registered person a hash found, with their household: every field the history's snapshot keeps. */
export interface Found {
  person: Record<string, unknown> & { id: string; householdId: string };
  household: Record<string, unknown> & {
    id: string;
    jurisdictionCode: string;
    residenceJurisdictionCode: string | null;
  };
}

// ---------------------------------------------------------------------------------------------------
// Matching: the keyed hashes, a chunk at a time, with every field the history snapshots

const columnOf = (em: EntityManager, entity: string, property: string) =>
  em.getMetadata().get(entity).properties[property].fieldNames[0];
const typeOf = (em: EntityManager, entity: string, property: string) =>
  em.getMetadata().get(entity).properties[property].columnTypes[0];

/** json_build_object of the properties (PostgreSQL writes dates as YYYY-MM-DD): node parses it natively. */
export function jsonOf(em: EntityManager, entity: string, alias: string, properties: readonly string[]) {
  return `json_build_object(${properties.map((p) => `'${p}', ${alias}."${columnOf(em, entity, p)}"`).join(', ')})`;
}

/**
 * A statement with its parameters bound by the server, in the entity manager's transaction if any. (`em.execute`
 * writes each parameter into the SQL text, escaped character by character: seconds for a batch's JSON.) The household
 * import stages its rows with it too (import/import.stage.ts).
 */
export async function sql<T = Record<string, unknown>>(
  em: EntityManager,
  text: string,
  params: unknown[],
): Promise<T[]> {
  const query = em
    .getConnection()
    .getKnex()
    .raw(text, params as never[]);
  const transaction = em.getTransactionContext();
  if (transaction) query.transacting(transaction);
  const result = (await query) as { rows: T[] };
  return result.rows;
}

export async function findByHashes(em: EntityManager, hashes: string[]): Promise<Map<string, Found>> {
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

/** UPDATE … FROM jsonb_to_recordset: the records' new values of `fields`, a chunk per statement. */
export async function updateMany(
  tx: EntityManager,
  entity: string,
  fields: string[],
  records: Record<string, unknown>[],
) {
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
export async function insertMany(tx: EntityManager, entity: string, records: object[]) {
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
