import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseNames, openOrm, provisionSubgraph, roleUrl, SUBGRAPHS, type MikroORM } from '@doudi/shared';
import { createTestDatabase, type TestDatabase } from '@doudi/shared/testing';
import { definitions } from '../scripts/subgraphs.js';

let db: TestDatabase;
const orms: MikroORM[] = [];
beforeAll(async () => {
  db = await createTestDatabase();
  for (const name of SUBGRAPHS) {
    const url = await provisionSubgraph(db.url, name);
    orms.push(
      await openOrm({
        subgraph: name,
        clientUrl: url,
        entities: definitions[name].entities,
        migrations: definitions[name].migrations,
      }),
    );
  }
});
afterAll(async () => {
  for (const orm of orms) await orm.close();
  await db?.drop();
});

describe('committed migrations', () => {
  it.each(SUBGRAPHS.map((name, i) => [name, i] as const))(
    '%s: build exactly what its entities describe',
    async (_name, i) => {
      const missing = await orms[i].getSchemaGenerator().getUpdateSchemaSQL({ wrap: false });
      expect(missing.trim(), 'run `npm run migration:create -- <subgraph>`').toBe('');
    },
  );

  it('are applied once: a second start finds nothing to do', async () => {
    const pending = await orms[0].getMigrator().getPendingMigrations();
    expect(pending).toEqual([]);
  });
});

describe('database roles', () => {
  it('keep each subgraph out of the other subgraphs’ schemas', async () => {
    const client = new pg.Client({ connectionString: roleUrl(db.url, 'households') });
    await client.connect();
    try {
      await expect(client.query('select count(*) from households.household')).resolves.toBeDefined();
      await expect(client.query(`select count(*) from ${databaseNames('cases').schema}.hardship_case`)).rejects.toThrow(
        /permission denied/,
      );
      await expect(
        client.query(`select count(*) from ${databaseNames('organisations').schema}.organisation`),
      ).rejects.toThrow(/permission denied/);
    } finally {
      await client.end();
    }
  });

  it('may add to and read their audit log but never change or erase it', async () => {
    const client = new pg.Client({ connectionString: roleUrl(db.url, 'households') });
    await client.connect();
    try {
      await client.query(
        `insert into households_audit.audit_event (actor_kind, action, entity_type, entity_id) values ('STAFF', 'REVEAL', 'Person', 'x')`,
      );
      expect((await client.query('select count(*)::int as n from households_audit.audit_event')).rows[0].n).toBe(1);
      await expect(client.query(`update households_audit.audit_event set purpose = 'covered up'`)).rejects.toThrow(
        /permission denied/,
      );
      await expect(client.query('delete from households_audit.audit_event')).rejects.toThrow(/permission denied/);
      await expect(client.query('truncate households_audit.audit_event')).rejects.toThrow(/permission denied/);
      await expect(client.query('drop table households_audit.audit_event')).rejects.toThrow(
        /must be owner|permission denied/,
      );
      await expect(client.query('alter table households_audit.audit_event disable trigger all')).rejects.toThrow(
        /must be owner|permission denied/,
      );
    } finally {
      await client.end();
    }
  });

  it('are not superusers', async () => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query(
        `select rolname, rolsuper, rolcreaterole, rolcreatedb from pg_roles where rolname like 'doudi\\_%'`,
      );
      expect(rows).toHaveLength(4);
      for (const row of rows) expect(row).toMatchObject({ rolsuper: false, rolcreaterole: false, rolcreatedb: false });
    } finally {
      await client.end();
    }
  });
});
