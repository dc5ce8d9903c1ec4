import pg from 'pg';
import { databaseNames, ENV, subgraphTimeoutMs, type SubgraphName } from '../config.js';

type Env = Record<string, string | undefined>;

/** Development passwords only; production sets <NAME>_DB_PASSWORD (see README). */
export function rolePassword(subgraph: SubgraphName, env: Env = process.env): string {
  return env[ENV.dbPassword(subgraph)] || `doudi-${subgraph}-dev`;
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
const quoteLiteral = (value: string) => `'${value.replace(/'/g, "''")}'`;

/**
 * Creates (or brings up to date) the subgraph's own role and schema, using an administrator connection.
 * The role owns only its schema, so a subgraph cannot read another's tables (docs/architecture.md, Who owns what). Safe to run
 * concurrently: several subgraphs or test files may provision against the same cluster at once.
 */
export async function provisionSubgraph(adminUrl: string, subgraph: SubgraphName, env: Env = process.env) {
  const { role, schema } = databaseNames(subgraph);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const password = quoteLiteral(rolePassword(subgraph, env));
    await client.query(`DO $$ BEGIN
        CREATE ROLE ${quoteIdent(role)} LOGIN PASSWORD ${password};
      EXCEPTION WHEN duplicate_object OR unique_violation THEN
        ALTER ROLE ${quoteIdent(role)} LOGIN PASSWORD ${password};
      END $$`);
    // No statement runs on after the gateway has given up on the request that sent it (SUBGRAPH_TIMEOUT_MS).
    // A migration or job that needs longer says `SET LOCAL statement_timeout` itself. (No idle-in-transaction
    // timeout: a scheduled job's run keeps its transaction open while it asks another subgraph.)
    await client.query(
      `ALTER ROLE ${quoteIdent(role)} SET statement_timeout = ${quoteLiteral(`${Math.ceil(subgraphTimeoutMs(env))}ms`)}`,
    );
    await client.query(`DO $$ BEGIN
        CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)} AUTHORIZATION ${quoteIdent(role)};
      EXCEPTION WHEN duplicate_schema OR unique_violation THEN NULL;
      END $$`);
    const { rows } = await client.query<{ db: string }>('SELECT current_database() AS db');
    await client.query(`GRANT CONNECT, TEMPORARY ON DATABASE ${quoteIdent(rows[0].db)} TO ${quoteIdent(role)}`);
    await client.query(`REVOKE CREATE ON SCHEMA public FROM PUBLIC`);
    await createAuditLog(client, subgraph);
  } finally {
    await client.end();
  }
  return roleUrl(adminUrl, subgraph, env);
}

/**
 * The append-only audit log (docs/architecture.md, Security model: every reveal of personal data is recorded). Its schema and table
 * belong to the administrator, not to the subgraph's role, which may only add and read rows: the
 * application can never rewrite or erase what it did.
 */
async function createAuditLog(client: pg.Client, subgraph: SubgraphName) {
  const { role } = databaseNames(subgraph);
  const schema = quoteIdent(auditSchema(subgraph));
  await client.query(`DO $$ BEGIN
      CREATE SCHEMA IF NOT EXISTS ${schema};
    EXCEPTION WHEN duplicate_schema OR unique_violation THEN NULL;
    END $$`);
  await client.query(`DO $$ BEGIN
      CREATE TABLE IF NOT EXISTS ${schema}.audit_event (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_kind text NOT NULL,
        actor_id text,
        organisation_id text,
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id text NOT NULL,
        purpose text,
        detail jsonb NOT NULL DEFAULT '{}'::jsonb
      );
    EXCEPTION WHEN duplicate_table OR unique_violation THEN NULL;
    END $$`);
  // The actor's jurisdiction, so that an auditor reads the entries of their own jurisdiction (audit-log.ts).
  await client.query(`ALTER TABLE ${schema}.audit_event ADD COLUMN IF NOT EXISTS jurisdiction_code text`);
  await client.query(`GRANT USAGE ON SCHEMA ${schema} TO ${quoteIdent(role)}`);
  await client.query(`REVOKE ALL ON ${schema}.audit_event FROM ${quoteIdent(role)}`);
  await client.query(`GRANT INSERT, SELECT ON ${schema}.audit_event TO ${quoteIdent(role)}`);
}

export const auditSchema = (subgraph: SubgraphName) => `${databaseNames(subgraph).schema}_audit`;

/** The admin URL with the subgraph role's credentials in place of the administrator's. */
export function roleUrl(adminUrl: string, subgraph: SubgraphName, env: Env = process.env): string {
  const url = new URL(adminUrl);
  url.username = databaseNames(subgraph).role;
  url.password = rolePassword(subgraph, env);
  return url.toString();
}

/** Creates a database if it does not exist (the embedded cluster starts with only `postgres`). */
export async function ensureDatabase(adminUrl: string, database: string): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE ${quoteIdent(database)} TEMPLATE template0 ENCODING 'UTF8'`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function dropDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
