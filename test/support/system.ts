import { countQueries, SUBGRAPHS, startSubgraph, type RunningSubgraph, type SubgraphName } from '@doudi/shared';
import { createTestDatabase, graphql } from '@doudi/shared/testing';
import { startGateway } from '@doudi/gateway';
import { definitions } from '../../scripts/subgraphs.js';

/**
 * The whole system as a user meets it: the four subgraphs on one fresh database, behind the real gateway
 * loading the committed supergraph.
 */
export async function startSystem(options: { demoData?: boolean; production?: boolean } = {}) {
  const db = await createTestDatabase();
  const subgraphs = {} as Record<SubgraphName, RunningSubgraph>;
  for (const name of SUBGRAPHS) {
    subgraphs[name] = await startSubgraph(definitions[name], {
      adminDatabaseUrl: db.url,
      demoData: options.demoData ?? false,
      production: options.production,
    });
  }
  const gateway = await startGateway({
    subgraphUrls: Object.fromEntries(SUBGRAPHS.map((name) => [name, subgraphs[name].url])) as Record<
      SubgraphName,
      string
    >,
    production: options.production,
    timeoutMs: 10_000,
  });
  return {
    gateway,
    subgraphs,
    query: <T = Record<string, any>>(query: string, variables?: Record<string, unknown>) =>
      graphql<T>(gateway.url, query, variables),
    /** Starts counting the SQL statements each subgraph sends. */
    countQueries: () =>
      Object.fromEntries(SUBGRAPHS.map((name) => [name, countQueries(subgraphs[name].orm)])) as Record<
        SubgraphName,
        ReturnType<typeof countQueries>
      >,
    stop: async () => {
      await gateway.stop();
      for (const name of SUBGRAPHS) await subgraphs[name].stop();
      await db.drop();
    },
  };
}

export type System = Awaited<ReturnType<typeof startSystem>>;
