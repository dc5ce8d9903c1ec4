import { AsyncLocalStorage } from 'node:async_hooks';
import { MikroORM, ReflectMetadataProvider, type Options } from '@mikro-orm/postgresql';
import { Migrator, type Migration } from '@mikro-orm/migrations';
import type { Constructor } from '@mikro-orm/core';
import { databaseNames, type SubgraphName } from '../config.js';
import { IdempotencyKey } from './idempotency-key.entity.js';
import { auditSchema } from './provision.js';

export interface MigrationEntry {
  name: string;
  class: Constructor<Migration>;
}

export interface OrmOptions {
  subgraph: SubgraphName;
  clientUrl: string;
  entities: Constructor<object>[];
  migrations: MigrationEntry[];
  poolMax?: number;
}

/**
 * One MikroORM per subgraph process, on the subgraph's own role and schema. Committed migrations are
 * listed explicitly (no file globbing), so the same list runs under tsx, vitest and in containers.
 */
export async function openOrm(options: OrmOptions): Promise<MikroORM> {
  const { schema } = databaseNames(options.subgraph);
  const config: Options = {
    clientUrl: options.clientUrl,
    schema,
    entities: [...options.entities, IdempotencyKey],
    // Types are given on every @Property: esbuild-based runners emit no decorator metadata.
    metadataProvider: ReflectMetadataProvider,
    discovery: { disableDynamicFileAccess: true, requireEntitiesArray: true },
    extensions: [Migrator],
    migrations: {
      migrationsList: options.migrations,
      tableName: 'schema_migration',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: true,
    },
    // The audit log belongs to the administrator (provision.ts), not to the migrations.
    schemaGenerator: { ignoreSchema: [auditSchema(options.subgraph)] },
    forceUtcTimezone: true,
    allowGlobalContext: false,
    pool: {
      min: 0,
      max: options.poolMax ?? 10,
      afterCreate: (
        connection: { query: (sql: string, cb: (err: Error | null) => void) => void },
        done: (err: Error | null, c: unknown) => void,
      ) => connection.query(`SET search_path TO "${schema}"`, (err) => done(err, connection)),
    },
  };
  const orm = await MikroORM.init(config);
  await orm.getMigrator().up();
  return orm;
}

const background = new AsyncLocalStorage<true>();

/** Runs work a subgraph does on its own, not for a request (the job queue's event deliveries and scheduled jobs). */
export function inBackground<T>(work: () => Promise<T>): Promise<T> {
  return background.run(true, work);
}

/**
 * Counts the SQL statements a subgraph sends for requests; the N+1 tests read it. Background work is left
 * out: an event delivery or a scheduled job landing during a measured request would make the count depend on
 * timing.
 */
export function countQueries(orm: MikroORM): { readonly count: number; reset(): void; stop(): void } {
  const knex = orm.em.getConnection().getKnex();
  let count = 0;
  const onQuery = () => void (background.getStore() || count++);
  knex.on('query', onQuery);
  return {
    get count() {
      return count;
    },
    reset: () => void (count = 0),
    stop: () => void knex.removeListener('query', onQuery),
  };
}

export type { MikroORM };
