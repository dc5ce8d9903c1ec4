/** Helpers for tests that need a real database: each call gets a fresh database on the test cluster. */
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { dropDatabase, ensureDatabase } from './database/provision.js';
import { startSubgraph, type RunningSubgraph, type SubgraphDefinition } from './subgraph.js';

export interface TestDatabase {
  /** Administrator connection to the fresh database. */
  url: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const clusterUrl = inject('adminDatabaseUrl');
  const name = `doudi_test_${randomBytes(6).toString('hex')}`;
  const url = await ensureDatabase(clusterUrl, name);
  return { url, drop: () => dropDatabase(clusterUrl, name) };
}

export type GraphQLResult<T = Record<string, any>> = {
  data?: T;
  errors?: { message: string; path?: string[]; extensions?: Record<string, any> }[];
};

/** POSTs one GraphQL request and returns the parsed body. */
export async function graphql<T = Record<string, any>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GraphQLResult<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResult<T>;
}

/** Starts one subgraph on a fresh database; `stop` also drops the database. */
export async function startTestSubgraph<L>(definition: SubgraphDefinition<L>, options: { demoData?: boolean } = {}) {
  const db = await createTestDatabase();
  const running: RunningSubgraph = await startSubgraph(definition, {
    adminDatabaseUrl: db.url,
    demoData: options.demoData ?? false,
  });
  return {
    ...running,
    query: <T = Record<string, any>>(query: string, variables?: Record<string, unknown>) =>
      graphql<T>(running.url, query, variables),
    stop: async () => {
      await running.stop();
      await db.drop();
    },
  };
}
