import pg from 'pg';
import { MikroORM, ReflectMetadataProvider, type EntityMetadata } from '@mikro-orm/postgresql';
import type { Constructor } from '@mikro-orm/core';
import { databaseNames, IdempotencyKey, type SubgraphName } from '@doudi/shared';

type Entity = object;
type ColumnKind = 'json' | 'array' | 'plain';

/** COPY's text format: a backslash, tab, newline or carriage return inside a value is escaped; \N is null. */
const escapeCopy = (text: string) =>
  text.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!);
/** A text[] literal: every element quoted. */
const arrayLiteral = (items: unknown[]) =>
  `{${items.map((item) => (item === null ? 'NULL' : `"${String(item).replace(/["\\]/g, (c) => `\\${c}`)}"`)).join(',')}}`;

function copyValue(value: unknown, kind: ColumnKind): string {
  if (value === null || value === undefined) return '\\N';
  if (kind === 'json') return escapeCopy(JSON.stringify(value));
  if (kind === 'array') return escapeCopy(arrayLiteral(value as unknown[]));
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'boolean') return value ? 't' : 'f';
  return escapeCopy(String(value));
}

/**
 * `COPY … FROM STDIN` on one pg client, without another package: pg hands a query object with `submit` the
 * connection, and tells it when the server wants the data, when it is done and what went wrong.
 */
class CopyIn {
  callback?: (error: Error | null) => void;
  private error: Error | null = null;
  constructor(
    private readonly text: string,
    private readonly data: Buffer,
  ) {}
  submit(connection: { query(text: string): void }) {
    connection.query(this.text);
  }
  handleCopyInResponse(connection: { sendCopyFromChunk(chunk: Buffer): void; endCopyFrom(): void }) {
    connection.sendCopyFromChunk(this.data);
    connection.endCopyFrom();
  }
  handleCommandComplete() {}
  handleError(error: Error) {
    this.error = error;
  }
  handleReadyForQuery() {
    this.callback?.(this.error);
  }
}

/**
 * Writes a subgraph's rows in its own schema, connected as its own role: each batch is one statement,
 * `INSERT … SELECT … FROM json_populate_recordset(null::table, $1)`, so a batch of thousands of rows costs one
 * round trip. Rows are the subgraph's entities, made as the subgraph makes them; the columns come from the
 * subgraph's own MikroORM metadata, so a column the entity gains is written too.
 */
export class SubgraphWriter {
  private constructor(
    readonly name: SubgraphName,
    private readonly pool: pg.Pool,
    private readonly orm: MikroORM,
  ) {}

  static async open(name: SubgraphName, url: string, entities: Constructor<Entity>[]): Promise<SubgraphWriter> {
    const { schema } = databaseNames(name);
    const orm = await MikroORM.init({
      clientUrl: url,
      schema,
      entities: [...entities, IdempotencyKey],
      metadataProvider: ReflectMetadataProvider,
      discovery: { disableDynamicFileAccess: true, requireEntitiesArray: true },
      connect: false,
      // The writer only reads the metadata: no change tracking on the entities it builds by the hundred thousand.
      propagationOnPrototype: false,
      allowGlobalContext: false,
    });
    // A batch may take longer than the role's statement_timeout (the gateway's wait), which is for requests.
    const pool = new pg.Pool({
      connectionString: url,
      max: 2,
      options: `-c search_path=${schema} -c statement_timeout=0 -c synchronous_commit=off`,
    });
    return new SubgraphWriter(name, pool, orm);
  }

  private readonly plans = new Map<
    string,
    { sql: string; copy: string; columns: [property: string, column: string, kind: ColumnKind][] }
  >();

  private plan(entity: Entity, onConflictDoNothing: boolean) {
    const className = entity.constructor.name;
    const key = `${className}:${onConflictDoNothing}`;
    let plan = this.plans.get(key);
    if (!plan) {
      const meta: EntityMetadata = this.orm.getMetadata().find(className)!;
      if (!meta) throw new Error(`${this.name} has no entity ${className}`);
      const columns: [string, string, ColumnKind][] = [];
      for (const prop of meta.props) {
        if (prop.persist === false || !prop.fieldNames?.length) continue;
        if (prop.kind !== 'scalar' && prop.kind !== 'm:1') continue;
        const type = String(prop.columnTypes?.[0] ?? prop.type).toLowerCase();
        const kind: ColumnKind = type.startsWith('json') ? 'json' : type.endsWith('[]') ? 'array' : 'plain';
        columns.push([prop.name, prop.fieldNames[0], kind]);
      }
      const table = `"${databaseNames(this.name).schema}"."${meta.tableName}"`;
      const list = columns.map(([, column]) => `"${column}"`).join(', ');
      const sql =
        `insert into ${table} (${list}) select ${list} from json_populate_recordset(null::${table}, $1::json)` +
        (onConflictDoNothing ? ' on conflict do nothing' : '');
      plan = { sql, copy: `copy ${table} (${list}) from stdin`, columns };
      this.tables.add(table);
      this.plans.set(key, plan);
    }
    return plan;
  }

  /**
   * Writes the entities (all of one class) in batches of COPY; with `onConflictDoNothing` (rows that may be there
   * already, such as the province) as INSERT … ON CONFLICT DO NOTHING. Resolves once they are written.
   */
  async insert(entities: Entity[], options: { onConflictDoNothing?: boolean; batch?: number } = {}): Promise<number> {
    if (!entities.length) return 0;
    const { sql, copy, columns } = this.plan(entities[0], options.onConflictDoNothing ?? false);
    const size = options.batch ?? 5_000;
    for (let i = 0; i < entities.length; i += size) {
      const slice = entities.slice(i, i + size) as Record<string, unknown>[];
      if (options.onConflictDoNothing) {
        const rows = slice.map((entity) =>
          Object.fromEntries(columns.map(([property, column]) => [column, entity[property] ?? null])),
        );
        await this.pool.query(sql, [JSON.stringify(rows)]);
        continue;
      }
      const text = slice
        .map((entity) => columns.map(([property, , kind]) => copyValue(entity[property], kind)).join('\t'))
        .join('\n');
      const client = await this.pool.connect();
      try {
        await new Promise<void>((resolve, reject) => {
          const copyIn = new CopyIn(copy, Buffer.from(`${text}\n`, 'utf8'));
          copyIn.callback = (error) => (error ? reject(error) : resolve());
          (client as unknown as { query(submittable: CopyIn): void }).query(copyIn);
        });
      } finally {
        client.release();
      }
    }
    return entities.length;
  }

  /** The tables written so far, for ANALYZE. */
  readonly tables = new Set<string>();

  /** Fresh planner statistics for the tables written (autovacuum would get there later). */
  async analyze() {
    if (this.tables.size) await this.pool.query(`analyze ${[...this.tables].join(', ')}`);
  }

  query<T extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, values?: unknown[]) {
    return this.pool.query<T>(sql, values);
  }

  async close() {
    await this.pool.end();
    await this.orm.close();
  }
}
