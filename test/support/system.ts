import { countQueries, ENV, SUBGRAPHS, startSubgraph, type RunningSubgraph, type SubgraphName } from '@doudi/shared';
import { createTestDatabase, graphql, testEnv, testKeys } from '@doudi/shared/testing';
import { startGateway } from '@doudi/gateway';
import { definitions } from '../../scripts/subgraphs.js';
import { createOperator, OPERATOR } from './operator.js';

/**
 * The whole system as a user meets it: the four subgraphs on one fresh database, behind the real gateway
 * loading the committed supergraph, with real sign-in and signed principals.
 */
export async function startSystem(
  options: {
    demoData?: boolean;
    production?: boolean;
    /** Runs just before a subgraph starts, with those started before it (e.g. data from an older release). */
    beforeStart?: Partial<
      Record<SubgraphName, (started: Partial<Record<SubgraphName, RunningSubgraph>>) => Promise<void>>
    >;
  } = {},
) {
  const db = await createTestDatabase();
  const env = await testEnv();
  const subgraphs = {} as Record<SubgraphName, RunningSubgraph>;
  for (const name of SUBGRAPHS) {
    // Each subgraph may call those started before it (households checks division codes with organisations;
    // programmes reads households), so their addresses go into the environment as they come up.
    for (const started of Object.values(subgraphs)) env[ENV.url(started.name)] = started.url;
    await options.beforeStart?.[name]?.(subgraphs);
    subgraphs[name] = await startSubgraph(definitions[name], {
      adminDatabaseUrl: db.url,
      demoData: options.demoData ?? false,
      production: options.production,
      env,
    });
  }
  // Producers read a consumer's address at each delivery: now every subgraph has one to deliver to.
  for (const name of SUBGRAPHS) env[ENV.url(name)] = subgraphs[name].url;
  const gateway = await startGateway({
    subgraphUrls: Object.fromEntries(SUBGRAPHS.map((name) => [name, subgraphs[name].url])) as Record<
      SubgraphName,
      string
    >,
    production: options.production,
    timeoutMs: 10_000,
    signingKey: (await testKeys()).gateway,
    // Every request asks whether its session is still open, so revocation tests need not wait.
    sessionCacheMs: 0,
  });
  await createOperator(subgraphs.organisations.orm.em.fork());

  const queryAs = <T = Record<string, any>>(token: string | null, query: string, variables?: Record<string, unknown>) =>
    graphql<T>(gateway.url, query, variables, token ? { authorization: `Bearer ${token}` } : {});
  const signIn = async (username: string, password: string) => {
    const result = await queryAs<{ signIn: { accessToken: string } }>(
      null,
      `mutation($input: SignInInput!) { signIn(input: $input) { accessToken } }`,
      { input: { username, password } },
    );
    if (!result.data) throw new Error(`sign-in failed: ${JSON.stringify(result.errors)}`);
    return result.data.signIn.accessToken;
  };
  const operatorToken = await signIn(OPERATOR.username, OPERATOR.password);

  return {
    gateway,
    subgraphs,
    /** The administrator connection to this system's database, and the environment its subgraphs run with. */
    databaseUrl: db.url,
    env,
    signIn,
    queryAs,
    /** Runs an operation through the gateway as the test operator (a system administrator). */
    query: <T = Record<string, any>>(query: string, variables?: Record<string, unknown>) =>
      queryAs<T>(operatorToken, query, variables),
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
