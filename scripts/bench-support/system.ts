/**
 * The system the benchmarks measure, run inside the benchmark's own process (bench:api runs it as `npm start`
 * does, one process per service, and has its own start-up): the subgraphs, the gateway, and an account of the
 * city to sign in as, so every figure includes what a real request goes through.
 */
import { randomBytes } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import pg from 'pg';
import {
  createLogger,
  loadPrivateKey,
  startSubgraph,
  SUBGRAPHS,
  type Role,
  type RunningSubgraph,
  type SubgraphDefinition,
  type SubgraphName,
} from '@doudi/shared';
import { startGateway } from '@doudi/gateway';
import { definitions } from '../subgraphs.js';
import { StaffAccount } from '../../subgraphs/organisations/src/account/account.entities.js';
import { benchCityCode, benchCityExists, benchDatabaseName, generateBenchCity, openBenchDatabase } from './database.js';

/** Warnings and errors only: request logs would cost time inside what is measured and bury the figures. */
export const benchLogger = createLogger('bench', { ...process.env, LOG_LEVEL: 'warn' });

/** The environment the subgraphs (and the generator) are started with: the benchmark's database, quiet logs. */
export const benchEnv = (databaseUrl: string): NodeJS.ProcessEnv => ({
  ...process.env,
  DATABASE_URL: databaseUrl,
  LOG_LEVEL: 'warn',
});

/**
 * Starts the subgraphs one after the other (each first start migrates its schema; each one finds the others
 * already started through <NAME>_URL, which is set in `env` as they come up), without demo data: the generated
 * city is the data. `only` starts a subset, or variants (programmes without its scheduled jobs).
 */
export async function startSubgraphsInProcess(
  databaseUrl: string,
  env: NodeJS.ProcessEnv,
  only: SubgraphDefinition<unknown>[] = SUBGRAPHS.map((name) => definitions[name]),
): Promise<{ subgraphs: Partial<Record<SubgraphName, RunningSubgraph>>; stop(): Promise<void> }> {
  const subgraphs: Partial<Record<SubgraphName, RunningSubgraph>> = {};
  const started: RunningSubgraph[] = [];
  const stop = async () => {
    for (const subgraph of started.reverse()) await subgraph.stop();
  };
  try {
    for (const definition of only) {
      const subgraph = await startSubgraph(definition, {
        adminDatabaseUrl: databaseUrl,
        demoData: false,
        env,
        logger: benchLogger,
      });
      started.push(subgraph);
      subgraphs[definition.name] = subgraph;
      env[`${definition.name.toUpperCase()}_URL`] = subgraph.url;
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { subgraphs, stop };
}

/** The gateway over every subgraph, in this process. */
export async function startGatewayInProcess(subgraphs: Record<SubgraphName, RunningSubgraph>) {
  return startGateway({
    subgraphUrls: Object.fromEntries(SUBGRAPHS.map((n) => [n, subgraphs[n].url])) as Record<SubgraphName, string>,
    signingKey: await loadPrivateKey('gateway'),
    logger: benchLogger,
  });
}

/** One GraphQL request over HTTP, as a client of the gateway sends it (with a bearer token when signed in). */
export async function postGraphql<T>(
  url: string,
  query: string,
  variables: object,
  token?: string,
): Promise<{ data?: T; errors?: { message: string }[] }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: T; errors?: { message: string }[] };
}

/**
 * Signs in through the gateway as a staff account of the city's civil-affairs bureau, made (or given a fresh
 * random password) through the organisations subgraph's ORM: the benchmark then measures what that role sees,
 * scoped as a real user of the city would be. Returns the session as the console stores it.
 */
export async function signInAsCityStaff(
  system: { gateway: { url: string }; subgraphs: Record<SubgraphName, RunningSubgraph>; databaseUrl: string },
  { username, displayName, roles }: { username: string; displayName: string; roles: Role[] },
): Promise<{ accessToken: string; expiresAt: string; username: string }> {
  const client = new pg.Client({ connectionString: system.databaseUrl });
  await client.connect();
  const { rows: bureaus } = await client
    .query<{ id: string }>(
      `select id from organisations.organisation where jurisdiction_code = $1 and kind = 'CIVIL_AFFAIRS'`,
      [benchCityCode],
    )
    .finally(() => client.end());
  const password = randomBytes(12).toString('hex');
  const em = system.subgraphs.organisations.orm.em.fork();
  const account =
    (await em.findOne(StaffAccount, { username })) ??
    Object.assign(new StaffAccount(), {
      organisationId: bureaus[0].id,
      username,
      displayName,
      roles,
      jurisdictionCode: benchCityCode,
    });
  account.passwordHash = await hash(password);
  await em.persist(account).flush();
  const answer = await postGraphql<{ signIn: { accessToken: string; expiresAt: string } }>(
    system.gateway.url,
    'mutation($input: SignInInput!) { signIn(input: $input) { accessToken expiresAt } }',
    { input: { username, password } },
  );
  if (!answer.data) throw new Error(`sign-in failed: ${JSON.stringify(answer.errors)}`);
  return { ...answer.data.signIn, username };
}

/**
 * The whole system in this process on the generated city of `households` and `seed`: its database (see
 * openBenchDatabase), every subgraph, the city (generated when missing, after printing `generating`, while the
 * subgraphs answer), and the gateway. `stop()` ends them in the reverse order.
 */
export async function startCitySystem(options: { households: number; seed: string; generating: string }) {
  const db = await openBenchDatabase(benchDatabaseName(options.households, options.seed));
  const env = benchEnv(db.url);
  let stopSubgraphs = async () => {};
  try {
    const started = await startSubgraphsInProcess(db.url, env);
    stopSubgraphs = started.stop;
    const subgraphs = started.subgraphs as Record<SubgraphName, RunningSubgraph>;
    if (!(await benchCityExists(db.url))) {
      console.log(options.generating);
      await generateBenchCity({ households: options.households, seed: options.seed, env });
    }
    const gateway = await startGatewayInProcess(subgraphs);
    return {
      databaseUrl: db.url,
      subgraphs,
      gateway,
      stop: async () => {
        await gateway.stop();
        await stopSubgraphs();
        await db.stop();
      },
    };
  } catch (error) {
    await stopSubgraphs();
    await db.stop();
    throw error;
  }
}
