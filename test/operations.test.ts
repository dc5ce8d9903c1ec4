import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productionStartProblems, sampleValue, SUBGRAPHS } from '@doudi/shared';
import { startSystem, type System } from './support/system.js';

const root = join(import.meta.dirname, '..');
const missing = '019a0000-0000-7000-8000-0000000fffff';
const metricsOf = async (url: string) => (await fetch(url.replace(/\/graphql$/, '/metrics'))).text();

describe('operators see what happened, and every string input is bounded (through the gateway)', () => {
  let system: System;
  beforeAll(async () => {
    system = await startSystem();
  });
  afterAll(() => system?.stop());

  it('counts requests and errors by code on the gateway’s and each subgraph’s /metrics', async () => {
    await system.query(`{ household(id: "${missing}") { id } }`);
    await system.query(`{ organisation(id: "${missing}") { id } }`);
    const gateway = await metricsOf(system.gateway.url);
    expect(
      sampleValue(gateway, 'doudi_graphql_request_duration_seconds_count', {
        service: 'gateway',
        operation_type: 'query',
        root_field: 'household',
        outcome: 'error',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sampleValue(gateway, 'doudi_graphql_errors_total', { operation_type: 'query', code: 'NOT_FOUND' }),
    ).toBeGreaterThanOrEqual(2);
    expect(
      sampleValue(gateway, 'doudi_gateway_subgraph_request_duration_seconds_count', {
        subgraph: 'households',
        outcome: 'errors',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(gateway).toContain('doudi_gateway_subgraph_timeouts_total');
    expect(gateway).toContain('process_resident_memory_bytes');

    const households = await metricsOf(system.subgraphs.households.url);
    expect(
      sampleValue(households, 'doudi_graphql_request_duration_seconds_count', {
        service: 'households',
        operation_type: 'query',
        root_field: 'household',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(sampleValue(households, 'doudi_graphql_errors_total', { code: 'NOT_FOUND' })).toBeGreaterThanOrEqual(1);
    expect(households, 'no ids or variables in labels').not.toContain(missing);
  });

  it('refuses a NUL byte in a mutation’s text with BAD_USER_INPUT naming the field', async () => {
    for (const address of ['村\u0000组', '\u0000']) {
      const result = await system.query(
        `mutation($input: UpdateHouseholdInput!) { updateHousehold(input: $input) { household { id } } }`,
        { input: { id: missing, version: 1, address } },
      );
      expect(result.errors?.[0].extensions?.code, JSON.stringify(address)).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0].extensions?.field).toMatch(/address$/);
    }
    // Other control characters are the subgraphs' net (shared/src/input-guard.ts), naming the argument path.
    const bell = await system.query(
      `mutation($input: UpdateHouseholdInput!) { updateHousehold(input: $input) { household { id } } }`,
      { input: { id: missing, version: 1, address: '村\u0007组' } },
    );
    expect(bell.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.address' });
  });

  it('refuses a 100 KB string in any subgraph’s mutation, naming the argument path', async () => {
    const huge = '长'.repeat(100_000);
    const cases: [string, string, Record<string, unknown>, string][] = [
      [
        'organisations',
        `mutation($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) { organisation { id } } }`,
        { input: { id: missing, version: 1, liaisonName: huge } },
        'input.liaisonName',
      ],
      [
        'households',
        `mutation($input: UpdateHouseholdInput!) { updateHousehold(input: $input) { household { id } } }`,
        { input: { id: missing, version: 1, source: huge } },
        'input.source',
      ],
      [
        'programmes',
        `mutation($input: ObjectToBenefitInput!) { objectToBenefit(input: $input) { __typename } }`,
        { input: { benefitId: missing, objection: huge, receivedOn: '2026-11-02' } },
        'input.objection',
      ],
      [
        'cases',
        `mutation($input: DeclineReferralInput!) { declineReferral(input: $input) { __typename } }`,
        { input: { referralId: missing, version: 1, reason: 'ALREADY_ASSISTED', explanation: huge } },
        'input.explanation',
      ],
    ];
    for (const [subgraph, query, variables, field] of cases) {
      const result = await system.query(query, variables);
      expect(result.errors?.[0].extensions, subgraph).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(result.errors?.[0].message, subgraph).toMatch(/longer than 2000 characters/);
    }
  });

  it('lets a CEL rule longer than ordinary text through the guard', async () => {
    const rule = Array.from({ length: 150 }, (_, i) => `household.size > ${i}`).join(' || ');
    expect(rule.length).toBeGreaterThan(2_000);
    const result = await system.query(
      `query($rule: String!) { ruleMatchCount(jurisdictionCode: "141023000000", rule: $rule) { __typename } }`,
      { rule },
    );
    expect(result.errors?.[0]?.message ?? '').not.toMatch(/longer than/);
  });
});

describe('production starts safely', () => {
  const strong = 'k3y-made-by-npm-run-keys-0123456789';
  const productionEnv = (extra: Record<string, string | undefined> = {}) => ({
    NODE_ENV: 'production',
    DATABASE_URL: `postgres://doudi:${strong}@db:5432/doudi`,
    ...Object.fromEntries(SUBGRAPHS.map((name) => [`${name.toUpperCase()}_DB_PASSWORD`, `${strong}-${name}`])),
    AUTH_SIGNING_KEY: '{}',
    GATEWAY_SIGNING_KEY: '{}',
    GATEWAY_PUBLIC_KEY: '{}',
    SERVICE_SIGNING_KEY: '{}',
    PERSONAL_DATA_KEY: 'x',
    ...extra,
  });

  it('starts with its own database, strong passwords and every key', () => {
    expect(productionStartProblems(productionEnv())).toEqual([]);
  });

  it('refuses the embedded database and its fixed superuser password, saying to set DATABASE_URL', () => {
    const problems = productionStartProblems(productionEnv({ DATABASE_URL: undefined }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^DATABASE_URL is not set: .*embedded/);
    expect(
      productionStartProblems(productionEnv({ DATABASE_URL: 'postgres://doudi:doudi-dev@db:5432/doudi' }))[0],
    ).toMatch(/password in DATABASE_URL is a development default/);
  });

  it('refuses default, missing or short database role passwords, naming each variable', () => {
    const problems = productionStartProblems(
      productionEnv({
        CASES_DB_PASSWORD: 'doudi-cases-dev',
        HOUSEHOLDS_DB_PASSWORD: undefined,
        PROGRAMMES_DB_PASSWORD: 'short',
      }),
    );
    expect(problems).toEqual([
      expect.stringMatching(/^HOUSEHOLDS_DB_PASSWORD is not set/),
      expect.stringMatching(/^PROGRAMMES_DB_PASSWORD is shorter than 16/),
      expect.stringMatching(/^CASES_DB_PASSWORD is a development default/),
    ]);
    // A ready connection as the subgraph's own role is checked the same way.
    expect(
      productionStartProblems(
        productionEnv({ CASES_DATABASE_URL: 'postgres://doudi_cases:doudi-cases-dev@db/doudi' }),
        ['cases'],
      ),
    ).toEqual([expect.stringMatching(/^the password in CASES_DATABASE_URL is a development default/)]);
  });

  it('refuses missing keys, asking only each service for its own', () => {
    expect(productionStartProblems(productionEnv({ PERSONAL_DATA_KEY: undefined }), ['households'])).toEqual([
      expect.stringMatching(/^PERSONAL_DATA_KEY is not set: make them with `npm run -s keys > \.env`/),
    ]);
    expect(productionStartProblems(productionEnv({ PERSONAL_DATA_KEY: undefined }), ['cases'])).toEqual([]);
    expect(productionStartProblems({ NODE_ENV: 'production', GATEWAY_SIGNING_KEY: '{}' }, ['gateway'])).toEqual([]);
  });

  it('`npm run -s keys > .env` writes a file a POSIX shell sources into a startable environment', () => {
    const dir = mkdtempSync(join(tmpdir(), 'doudi-keys-'));
    try {
      const file = join(dir, '.env');
      writeFileSync(file, execFileSync('npm', ['run', '-s', 'keys'], { cwd: root, encoding: 'utf8' }));
      expect(readFileSync(file, 'utf8')).toMatch(/^# Doudi secrets/);
      const sourced = JSON.parse(
        execFileSync(
          'sh',
          [
            '-c',
            'set -a; . "$1"; set +a; exec node -e "process.stdout.write(JSON.stringify(process.env))"',
            'sh',
            file,
          ],
          { encoding: 'utf8', env: { PATH: process.env.PATH } },
        ),
      ) as Record<string, string>;
      for (const key of ['AUTH_SIGNING_KEY', 'GATEWAY_SIGNING_KEY', 'GATEWAY_PUBLIC_KEY', 'SERVICE_SIGNING_KEY']) {
        expect(JSON.parse(sourced[key]), key).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA' });
      }
      expect(JSON.parse(sourced.GATEWAY_PUBLIC_KEY).d, 'the public half only').toBeUndefined();
      expect(Buffer.from(sourced.PERSONAL_DATA_KEY, 'base64')).toHaveLength(32);
      expect(sourced.METRICS_TOKEN.length).toBeGreaterThanOrEqual(32);
      const env = {
        ...sourced,
        NODE_ENV: 'production',
        DATABASE_URL: `postgres://doudi:${sourced.POSTGRES_PASSWORD}@postgres:5432/doudi`,
      };
      expect(productionStartProblems(env)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
