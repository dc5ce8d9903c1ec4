import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessTokens, generateSigningKey, PRINCIPAL_HEADER } from '@doudi/shared';
import { codeOf, graphql, principalHeader, TEST_SYSTEM_ADMIN, testKeys } from '@doudi/shared/testing';
import { startSystem, type System } from './support/system.js';
import { clientToken, createClient, createStaff, twoCounties, type CountyFixture } from './support/two-counties.js';

let system: System;
let xiangfen: CountyFixture;
const ME = `{ me { kind roles permissions organisation { name } jurisdiction { name } } }`;

beforeAll(async () => {
  system = await startSystem();
  ({ xiangfen } = await twoCounties(system));
  await createStaff(system, {
    organisationId: xiangfen.civilAffairsId,
    username: 'xf.admin',
    displayName: '管理员',
    password: 'county-admin-pass',
    roles: ['JURISDICTION_ADMIN'],
  });
});
afterAll(() => system?.stop());

describe('staff sign-in', () => {
  it('gives a token that says who the caller is', async () => {
    const token = await system.signIn('xf.admin', 'county-admin-pass');
    const me = await system.queryAs(token, ME);
    expect(me.data!.me).toMatchObject({
      kind: 'STAFF',
      roles: ['JURISDICTION_ADMIN'],
      organisation: { name: '襄汾县民政局' },
      jurisdiction: { name: '襄汾县' },
    });
    expect(me.data!.me.permissions).toContain('STAFF_MANAGE');
  });

  it('refuses a wrong password and an unknown user alike, with UNAUTHENTICATED', async () => {
    const SIGN_IN = `mutation($input: SignInInput!) { signIn(input: $input) { accessToken } }`;
    const wrong = await system.queryAs(null, SIGN_IN, {
      input: { username: 'xf.admin', password: 'not-the-password' },
    });
    const unknown = await system.queryAs(null, SIGN_IN, {
      input: { username: 'nobody.here', password: 'not-the-password' },
    });
    expect(codeOf(wrong)).toBe('UNAUTHENTICATED');
    expect(unknown.errors?.[0].message).toBe(wrong.errors?.[0].message);
  });

  it('stores passwords as argon2 hashes, never in the clear', async () => {
    const { rows } = await system.subgraphs.organisations.orm.em
      .getConnection()
      .execute(`select password_hash from staff_account where username = 'xf.admin'`)
      .then((r) => ({ rows: r }));
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$/);
  });
});

describe('tokens the gateway refuses', () => {
  it('an expired token', async () => {
    const tokens = await accessTokens((await testKeys()).auth);
    const expired = await tokens.issue(
      { ...TEST_SYSTEM_ADMIN, sessionId: '019a0000-0000-7000-8000-0000000000ff' },
      new Date(Date.now() - 60_000),
    );
    expect(codeOf(await system.queryAs(expired, ME))).toBe('UNAUTHENTICATED');
  });

  it('a token signed with another key', async () => {
    const forger = await accessTokens(await generateSigningKey());
    const forged = await forger.issue(
      { ...TEST_SYSTEM_ADMIN, sessionId: '019a0000-0000-7000-8000-0000000000ff' },
      new Date(Date.now() + 60_000),
    );
    expect(codeOf(await system.queryAs(forged, ME))).toBe('UNAUTHENTICATED');
  });

  it('a garbled token and a header that is not a Bearer token', async () => {
    expect(codeOf(await system.queryAs('not.a.token', ME))).toBe('UNAUTHENTICATED');
    const basic = await graphql(system.gateway.url, ME, {}, { authorization: 'Basic eDp5' });
    expect(codeOf(basic)).toBe('UNAUTHENTICATED');
  });

  it('a token after its holder signed out', async () => {
    const token = await system.signIn('xf.admin', 'county-admin-pass');
    expect(codeOf(await system.queryAs(token, `mutation { signOut }`))).toBeUndefined();
    expect(codeOf(await system.queryAs(token, ME))).toBe('UNAUTHENTICATED');
  });

  it('the tokens of a deactivated account, which can no longer sign in either', async () => {
    const id = await createStaff(system, {
      organisationId: xiangfen.civilAffairsId,
      username: 'xf.leaver',
      displayName: '离职人员',
      password: 'leaver-password',
      roles: ['CASEWORKER'],
    });
    const token = await system.signIn('xf.leaver', 'leaver-password');
    expect(codeOf(await system.queryAs(token, ME))).toBeUndefined();
    await system.query(
      `mutation($input: DeactivateInput!) { deactivateStaffAccount(input: $input) { account { deactivatedAt } } }`,
      { input: { id } },
    );
    expect(codeOf(await system.queryAs(token, ME))).toBe('UNAUTHENTICATED');
    await expect(system.signIn('xf.leaver', 'leaver-password')).rejects.toThrow(/UNAUTHENTICATED/);
  });

  it('the tokens of a deactivated API client', async () => {
    const credentials = await createClient(system, {
      organisationId: xiangfen.policeId,
      name: '公安系统',
      scopes: ['CASES_READ'],
    });
    const token = await clientToken(system, credentials);
    expect((await system.queryAs(token, ME)).data!.me).toMatchObject({
      kind: 'API_CLIENT',
      permissions: ['CASES_READ'],
    });
    await system.query(`mutation($input: DeactivateInput!) { deactivateApiClient(input: $input) { client { id } } }`, {
      input: { id: credentials.clientId },
    });
    expect(codeOf(await system.queryAs(token, ME))).toBe('UNAUTHENTICATED');
    await expect(clientToken(system, credentials)).rejects.toThrow(/UNAUTHENTICATED/);
    await expect(clientToken(system, { ...credentials, clientSecret: 'dds_wrong' })).rejects.toThrow(/UNAUTHENTICATED/);
  });
});

describe('the principal header', () => {
  it('is ignored when a client sends it to the gateway', async () => {
    const smuggled = await graphql(
      system.gateway.url,
      `
        {
          households {
            totalCount
          }
        }
      `,
      {},
      await principalHeader(TEST_SYSTEM_ADMIN),
    );
    expect(codeOf(smuggled)).toBe('UNAUTHENTICATED');
  });

  it('is required by every subgraph: a call without it, or signed by another key, is refused', async () => {
    for (const subgraph of Object.values(system.subgraphs)) {
      const bare = await fetch(subgraph.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(bare.status, subgraph.name).toBe(401);
      expect(codeOf((await bare.json()) as never)).toBe('UNAUTHENTICATED');
    }
    const { principalSigner } = await import('@doudi/shared');
    const impostor = await principalSigner(await generateSigningKey());
    const forged = await graphql(
      system.subgraphs.households.url,
      `
        {
          households {
            totalCount
          }
        }
      `,
      {},
      { [PRINCIPAL_HEADER]: await impostor.sign(TEST_SYSTEM_ADMIN) },
    );
    expect(codeOf(forged)).toBe('UNAUTHENTICATED');
  });
});

describe('granting access', () => {
  it('publishes the public signing keys as JWKS, without the private part', async () => {
    const jwks = (await (
      await fetch(new URL('/.well-known/jwks.json', system.subgraphs.organisations.url))
    ).json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA' });
    expect(jwks.keys[0].d).toBeUndefined();
  });

  it('lets a county administrator grant no more than they hold, and never system administration', async () => {
    const admin = await system.signIn('xf.admin', 'county-admin-pass');
    const grantAdmin = await system.queryAs(
      admin,
      `mutation($input: CreateStaffAccountInput!) { createStaffAccount(input: $input) { account { id } } }`,
      {
        input: {
          organisationId: xiangfen.civilAffairsId,
          username: 'xf.root',
          displayName: '超级',
          password: 'super-password-1',
          roles: ['SYSTEM_ADMIN'],
        },
      },
    );
    expect(codeOf(grantAdmin)).toBe('FORBIDDEN');
    const elsewhere = await system.queryAs(
      admin,
      `mutation($input: CreateApiClientInput!) { createApiClient(input: $input) { clientSecret } }`,
      {
        input: {
          organisationId: xiangfen.policeId,
          name: '公安系统',
          scopes: ['CASES_READ'],
          jurisdictionCode: '350582000000',
        },
      },
    );
    expect(codeOf(elsewhere)).toBe('BAD_USER_INPUT');
  });

  it('refuses weak passwords and taken usernames', async () => {
    const weak = await system.query(
      `mutation($input: CreateStaffAccountInput!) { createStaffAccount(input: $input) { account { id } } }`,
      {
        input: {
          organisationId: xiangfen.civilAffairsId,
          username: 'xf.weak',
          displayName: '弱',
          password: 'short',
          roles: ['CASEWORKER'],
        },
      },
    );
    expect(weak.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.password' });
    const taken = await system.query(
      `mutation($input: CreateStaffAccountInput!) { createStaffAccount(input: $input) { account { id } } }`,
      {
        input: {
          organisationId: xiangfen.civilAffairsId,
          username: 'xf.admin',
          displayName: '重名',
          password: 'another-password',
          roles: ['CASEWORKER'],
        },
      },
    );
    expect(taken.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'input.username' });
  });
});
