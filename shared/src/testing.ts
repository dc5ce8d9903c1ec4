/** Helpers for tests that need a real database: each call gets a fresh database on the test cluster. */
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { dropDatabase, ensureDatabase } from './database/provision.js';
import { startSubgraph, type RunningSubgraph, type SubgraphDefinition } from './subgraph.js';
import { generateSigningKey, publicJwkOf } from './auth/keys.js';
import { principalSigner, PRINCIPAL_HEADER } from './auth/assertion.js';
import type { Principal } from './auth/principal.js';
import type { JWK } from 'jose';
import { Migration } from '@mikro-orm/migrations';
import type { SubgraphName } from './config.js';
import { deliverySigner } from './events/delivery-token.js';
import { eventsUrlOf, type DeliveredEvent } from './events/event.js';

let keys: Promise<{ gateway: JWK; auth: JWK; service: JWK }> | undefined;
const personalDataKey = randomBytes(32).toString('base64');

/** Signing keys made for this test process only. */
export function testKeys() {
  keys ??= (async () => ({
    gateway: await generateSigningKey(),
    auth: await generateSigningKey(),
    service: await generateSigningKey(),
  }))();
  return keys;
}

/** The environment a subgraph under test reads its keys from. */
export async function testEnv(): Promise<Record<string, string>> {
  const { gateway, auth, service } = await testKeys();
  return {
    GATEWAY_PUBLIC_KEY: JSON.stringify(publicJwkOf(gateway)),
    AUTH_SIGNING_KEY: JSON.stringify(auth),
    SERVICE_SIGNING_KEY: JSON.stringify(service),
    SERVICE_PUBLIC_KEY: JSON.stringify(publicJwkOf(service)),
    PERSONAL_DATA_KEY: personalDataKey,
  };
}

/** Signs a principal as the gateway would, for calling a subgraph directly. */
export async function principalHeader(principal: Principal): Promise<Record<string, string>> {
  const signer = await principalSigner((await testKeys()).gateway);
  return { [PRINCIPAL_HEADER]: await signer.sign(principal) };
}

export const TEST_SYSTEM_ADMIN: Principal = {
  kind: 'STAFF',
  id: '019a0000-0000-7000-8000-0000000000aa',
  organisationId: null,
  jurisdictionCode: null,
  roles: ['SYSTEM_ADMIN'],
  scopes: [],
};

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

/**
 * Starts one subgraph on a fresh database; `stop` also drops the database. `env` adds to the test keys,
 * e.g. a consumer's <NAME>_URL or JOB_POLL_MS.
 */
export async function startTestSubgraph<L>(
  definition: SubgraphDefinition<L>,
  options: { demoData?: boolean; env?: Record<string, string>; port?: number } = {},
) {
  const db = await createTestDatabase();
  const running: RunningSubgraph = await startSubgraph(definition, {
    adminDatabaseUrl: db.url,
    demoData: options.demoData ?? false,
    port: options.port,
    env: { ...(await testEnv()), ...options.env },
  });
  return {
    ...running,
    /** Calls the subgraph as the gateway would, for `principal` (a system administrator by default). */
    query: async <T = Record<string, any>>(
      query: string,
      variables?: Record<string, unknown>,
      principal: Principal = TEST_SYSTEM_ADMIN,
    ) => graphql<T>(running.url, query, variables, await principalHeader(principal)),
    stop: async () => {
      await running.stop();
      await db.drop();
    },
  };
}

/** Delivers one event to a subgraph's /internal/events, signed as `event.producer` would sign it. */
export async function deliverEvent(consumer: { name: SubgraphName; url: string }, event: DeliveredEvent) {
  const body = JSON.stringify(event);
  const signer = await deliverySigner((await testKeys()).service, event.producer);
  const response = await fetch(eventsUrlOf(consumer.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: await signer.sign(consumer.name, body) },
    body,
  });
  return { status: response.status, body: (await response.json()) as { status?: string; error?: string } };
}

/**
 * The one migration of a definition a test makes up: creates the tables of whatever entities it lists, so the
 * test needs no migration files of its own.
 */
export class CreateTablesOfEntities extends Migration {
  override async up(): Promise<void> {
    const em = this.getEntityManager();
    const generator = em.getPlatform().getSchemaGenerator(this.driver, em);
    const sql = await generator.getCreateSchemaSQL({ wrap: false });
    // The schema exists already (provisioning made it), and its role may not run `create schema`.
    this.addSql(sql.replace(/^create schema [^;]*;/im, ''));
  }
}

// ── One set of result helpers, one meaning each (test/support/steps.ts builds on them for gateway tests) ─────────

/** The data of a result that must have succeeded; any error fails the test, showing the errors. */
export function ok<T = Record<string, any>>(result: GraphQLResult<T>): T {
  if (result.errors?.length || !result.data) throw new Error(`expected data, got ${JSON.stringify(result.errors)}`);
  return result.data;
}

/** The first error (message, extensions) of a result that must have failed. */
export function errorOf(result: GraphQLResult): { message: string; extensions: Record<string, any> } {
  if (!result.errors?.length) throw new Error(`expected the request to be refused, got ${JSON.stringify(result.data)}`);
  return { ...result.errors[0], extensions: result.errors[0].extensions ?? {} };
}

/** The extensions (code, field …) of the first error of a result that must have failed. */
export function failure(result: GraphQLResult): Record<string, any> {
  return errorOf(result).extensions;
}

/** The code of a result's first error; undefined when it succeeded. */
export function codeOf(result: GraphQLResult): string | undefined {
  return result.errors?.[0]?.extensions?.code as string | undefined;
}

/**
 * What a call below GraphQL (a service function) throws: the error's extensions (code, field …) with its message.
 * A call that does not throw fails the test.
 */
export async function thrown(work: Promise<unknown> | (() => unknown)): Promise<Record<string, any>> {
  try {
    await (typeof work === 'function' ? work() : work);
  } catch (error) {
    const { message, extensions } = error as { message: string; extensions?: Record<string, unknown> };
    return { ...extensions, message };
  }
  throw new Error('expected the call to be refused, but it succeeded');
}

/** Steps whose input type is not named after them. */
const SHARED_INPUTS: Record<string, string> = {
  approveBenefit: 'DecideBenefitInput',
  rejectBenefit: 'DecideBenefitInput',
};

/** `mutation($input: <Name>Input!) { <name>(input: $input) { <selection> } }`: the document of one step. */
export function mutation(name: string, selection: string) {
  const inputType = SHARED_INPUTS[name] ?? `${name.charAt(0).toUpperCase()}${name.slice(1)}Input`;
  return `mutation($input: ${inputType}!) { ${name}(input: $input) { ${selection} } }`;
}
