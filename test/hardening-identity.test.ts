import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANONYMOUS, startSubgraph, type RunningSubgraph } from '@doudi/shared';
import { createTestDatabase, graphql, principalHeader, testEnv, type TestDatabase } from '@doudi/shared/testing';
import { organisations } from '@doudi/organisations';
import { startGateway } from '@doudi/gateway';
import { SUBGRAPHS, type SubgraphName } from '@doudi/shared';
import { codeOf, errorOf, failure, ok, testKeys } from '@doudi/shared/testing';
import { startSystem, type System } from './support/system.js';
import { createAdminCommand, PASSWORD_ENV } from '../scripts/create-admin.js';
import { SIGN_IN_LIMITS } from '../subgraphs/organisations/src/account/account.service.js';

/**
 * Issue 10 items 3, 7, 9 and 11 for identities: no grant widens a privilege, an app answers to the person
 * who registered it, sign-in resists guessing, anonymous callers learn nothing, and production gets its
 * first administrator from a one-time command rather than demo data.
 */
let system: System;
const XIANGFEN = '141023000000';
const JINJIANG = '350582000000';
const ids = {} as Record<'xfCivil' | 'xfPolice' | 'jjCivil' | 'province' | 'xfAdmin' | 'xfPlatform', string>;

const CREATE_STAFF = `mutation($input: CreateStaffAccountInput!) { createStaffAccount(input: $input) { account { id } } }`;
const CREATE_CLIENT = `mutation($input: CreateApiClientInput!) { createApiClient(input: $input) { client { id } clientSecret } }`;
const SIGN_IN = `mutation($input: SignInInput!) { signIn(input: $input) { accessToken } }`;
const CLIENT_TOKEN = `mutation($input: ClientCredentialsInput!) { issueClientToken(input: $input) { accessToken } }`;

/** The claims of an access token (its middle part), as any holder can read them. */
const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));

async function clientToken(credentials: { clientId: string; clientSecret: string }) {
  return ok(await system.queryAs(null, CLIENT_TOKEN, { input: credentials })).issueClientToken.accessToken as string;
}

async function registerClient(token: string | null, input: Record<string, unknown>) {
  const data = ok(
    await (token ? system.queryAs(token, CREATE_CLIENT, { input }) : system.query(CREATE_CLIENT, { input })),
  );
  return {
    clientId: data.createApiClient.client.id as string,
    clientSecret: data.createApiClient.clientSecret as string,
  };
}

beforeAll(async () => {
  system = await startSystem();
  ok(
    await system.query(`mutation {
      a: createJurisdiction(input: { code: "140000000000", name: "山西省" }) { jurisdiction { code } }
      b: createJurisdiction(input: { code: "141000000000", name: "临汾市", parentCode: "140000000000" }) { jurisdiction { code } }
      c: createJurisdiction(input: { code: "141023000000", name: "襄汾县", parentCode: "141000000000" }) { jurisdiction { code } }
      e: createJurisdiction(input: { code: "350000000000", name: "福建省" }) { jurisdiction { code } }
      f: createJurisdiction(input: { code: "350500000000", name: "泉州市", parentCode: "350000000000" }) { jurisdiction { code } }
      g: createJurisdiction(input: { code: "350582000000", name: "晋江市", parentCode: "350500000000" }) { jurisdiction { code } }
    }`),
  );
  const organisation = async (name: string, kind: string, jurisdictionCode: string) =>
    ok(
      await system.query(
        `mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { organisation { id } } }`,
        { input: { name, kind, jurisdictionCode } },
      ),
    ).createOrganisation.organisation.id as string;
  ids.xfCivil = await organisation('襄汾县民政局', 'CIVIL_AFFAIRS', XIANGFEN);
  ids.xfPolice = await organisation('襄汾县公安局', 'PUBLIC_SECURITY', XIANGFEN);
  ids.jjCivil = await organisation('晋江市民政局', 'CIVIL_AFFAIRS', JINJIANG);
  ids.province = await organisation('山西省民政厅', 'CIVIL_AFFAIRS', '140000000000');
  ids.xfAdmin = ok(
    await system.query(CREATE_STAFF, {
      input: {
        organisationId: ids.xfCivil,
        username: 'xf.admin',
        displayName: '襄汾县管理员',
        password: 'county-admin-pass',
        roles: ['JURISDICTION_ADMIN'],
      },
    }),
  ).createStaffAccount.account.id;
  // A system administrator who works in 襄汾县民政局: no county administrator may take that office away.
  ids.xfPlatform = ok(
    await system.query(CREATE_STAFF, {
      input: {
        organisationId: ids.xfCivil,
        username: 'xf.platform',
        displayName: '驻县平台管理员',
        password: 'platform-password',
        roles: ['SYSTEM_ADMIN'],
      },
    }),
  ).createStaffAccount.account.id;
});
afterAll(() => system?.stop());

describe('no widening of privileges', () => {
  it('an app holding only staff management cannot create a county administrator, nor any human account', async () => {
    const app = await clientToken(
      await registerClient(null, { organisationId: ids.xfCivil, name: '人事接口', scopes: ['STAFF_MANAGE'] }),
    );
    for (const roles of [['JURISDICTION_ADMIN'], ['REPORTING']]) {
      const refused = await system.queryAs(app, CREATE_STAFF, {
        input: {
          organisationId: ids.xfCivil,
          username: `xf.by-app-${roles[0].toLowerCase()}`,
          displayName: '应用创建',
          password: 'app-made-password',
          roles,
        },
      });
      expect(failure(refused)).toMatchObject({ code: 'FORBIDDEN', permission: 'staff:manage' });
    }
    const accounts = ok(await system.query(`{ staffAccounts(first: 100) { nodes { username } } }`));
    expect(accounts.staffAccounts.nodes.map((a: { username: string }) => a.username)).not.toContain(
      'xf.by-app-jurisdiction_admin',
    );
  });

  it('an app cannot register an app with scopes it does not hold, and cannot deactivate a person', async () => {
    const app = await clientToken(
      await registerClient(null, {
        organisationId: ids.xfCivil,
        name: '应用管理接口',
        scopes: ['STAFF_MANAGE', 'CASES_READ'],
      }),
    );
    const wider = await system.queryAs(app, CREATE_CLIENT, {
      input: { organisationId: ids.xfCivil, name: '越权应用', scopes: ['CASES_READ', 'PERSONAL_DATA_REVEAL'] },
    });
    expect(failure(wider)).toMatchObject({ code: 'FORBIDDEN', permission: 'personal-data:reveal' });
    const deactivate = await system.queryAs(
      app,
      `mutation($input: DeactivateInput!) { deactivateStaffAccount(input: $input) { account { id } } }`,
      { input: { id: ids.xfAdmin } },
    );
    expect(codeOf(deactivate)).toBe('FORBIDDEN');
    const narrower = await system.queryAs(app, CREATE_CLIENT, {
      input: { organisationId: ids.xfPolice, name: '只读应用', scopes: ['CASES_READ'] },
    });
    expect(narrower.errors).toBeUndefined();
  });

  it('a county administrator cannot grant a role outside its county', async () => {
    const admin = await system.signIn('xf.admin', 'county-admin-pass');
    const elsewhere = await system.queryAs(admin, CREATE_STAFF, {
      input: {
        organisationId: ids.jjCivil,
        username: 'jj.planted',
        displayName: '外县账号',
        password: 'planted-password',
        roles: ['CASEWORKER'],
      },
    });
    expect(failure(elsewhere)).toMatchObject({ code: 'FORBIDDEN', permission: 'staff:manage' });
    const app = await system.queryAs(admin, CREATE_CLIENT, {
      input: { organisationId: ids.jjCivil, name: '外县应用', scopes: ['CASES_READ'] },
    });
    expect(failure(app)).toMatchObject({ code: 'FORBIDDEN', permission: 'staff:manage' });
    // Nor in a bureau above it, even for work inside the county: the bureau's cases and notifications reach further.
    const above = await system.queryAs(admin, CREATE_STAFF, {
      input: {
        organisationId: ids.province,
        username: 'sx.planted',
        displayName: '省厅账号',
        password: 'planted-password',
        roles: ['CASEWORKER'],
        jurisdictionCode: XIANGFEN,
      },
    });
    expect(failure(above)).toMatchObject({ code: 'FORBIDDEN', permission: 'staff:manage' });
  });

  it('a county administrator cannot take away a system administrator’s access', async () => {
    const systemAdminId = ids.xfPlatform;
    const admin = await system.signIn('xf.admin', 'county-admin-pass');
    const refused = await system.queryAs(
      admin,
      `mutation($input: DeactivateInput!) { deactivateStaffAccount(input: $input) { account { deactivatedAt } } }`,
      { input: { id: systemAdminId } },
    );
    expect(codeOf(refused)).toBe('FORBIDDEN');
    await expect(system.signIn('xf.platform', 'platform-password')).resolves.toBeTruthy();
  });
});

describe('taking access away through an organisation', () => {
  const DEACTIVATE_ORGANISATION = `mutation($input: DeactivateOrganisationInput!) {
    deactivateOrganisation(input: $input) { organisation { deactivatedAt } }
  }`;

  it('an app cannot deactivate an organisation whose people sign in, nor a county administrator one with a system administrator', async () => {
    const village = ok(
      await system.query(
        `mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { organisation { id } } }`,
        { input: { name: '襄汾县某村委会', kind: 'VILLAGE_COMMITTEE', jurisdictionCode: XIANGFEN } },
      ),
    ).createOrganisation.organisation.id as string;
    ok(
      await system.query(CREATE_STAFF, {
        input: {
          organisationId: village,
          username: 'xf.village',
          displayName: '村干部',
          password: 'village-password',
          roles: ['CASEWORKER'],
        },
      }),
    );
    const app = await clientToken(
      await registerClient(null, {
        organisationId: ids.xfCivil,
        name: '机构管理接口',
        scopes: ['ORGANISATIONS_WRITE', 'ORGANISATIONS_READ'],
      }),
    );
    const byApp = await system.queryAs(app, DEACTIVATE_ORGANISATION, { input: { id: village } });
    expect(failure(byApp)).toMatchObject({ code: 'FORBIDDEN', permission: 'staff:manage' });
    await expect(system.signIn('xf.village', 'village-password')).resolves.toBeTruthy();

    // xf.platform, a system administrator, works in 襄汾县民政局 (created in beforeAll).
    const admin = await system.signIn('xf.admin', 'county-admin-pass');
    const byCounty = await system.queryAs(admin, DEACTIVATE_ORGANISATION, { input: { id: ids.xfCivil } });
    expect(failure(byCounty)).toMatchObject({ code: 'FORBIDDEN', role: 'SYSTEM_ADMIN' });
    const allowed = await system.queryAs(admin, DEACTIVATE_ORGANISATION, { input: { id: village } });
    expect(allowed.errors).toBeUndefined();
  });
});

describe('separation of duties across identities', () => {
  it('a staff token names its holder as the actor; an app’s names the person who registered it, even through another app', async () => {
    const admin = await system.signIn('xf.admin', 'county-admin-pass');
    expect(claimsOf(admin)).toMatchObject({ sub: ids.xfAdmin, act: ids.xfAdmin });

    const first = await registerClient(admin, {
      organisationId: ids.xfPolice,
      name: '公安非正常死亡系统',
      scopes: ['STAFF_MANAGE', 'CASES_READ'],
    });
    const firstToken = await clientToken(first);
    expect(claimsOf(firstToken)).toMatchObject({ sub: first.clientId, act: ids.xfAdmin });

    const second = await registerClient(firstToken, {
      organisationId: ids.xfPolice,
      name: '公安子系统',
      scopes: ['CASES_READ'],
    });
    expect(claimsOf(await clientToken(second))).toMatchObject({ sub: second.clientId, act: ids.xfAdmin });
  });
});

describe('sign-in resists guessing', () => {
  const attempt = (username: string, password: string) =>
    system.queryAs(null, SIGN_IN, { input: { username, password } });

  it('ten wrong passwords lock the account for a while, with the same answer for an unknown name', async () => {
    ok(
      await system.query(CREATE_STAFF, {
        input: {
          organisationId: ids.xfCivil,
          username: 'xf.target',
          displayName: '被猜账号',
          password: 'target-password-1',
          roles: ['CASEWORKER'],
        },
      }),
    );
    const limit = SIGN_IN_LIMITS.perAccount.points;
    expect(limit).toBe(10);
    for (let i = 0; i < limit; i++) {
      const known = await attempt('xf.target', `guess-${i}-password`);
      const unknown = await attempt('xf.nobody', `guess-${i}-password`);
      expect(codeOf(known)).toBe('UNAUTHENTICATED');
      expect(errorOf(unknown)).toEqual(errorOf(known));
    }
    // Now even the right password waits: the lock does not tell a right guess from a wrong one.
    const locked = await attempt('xf.target', 'target-password-1');
    const lockedUnknown = await attempt('xf.nobody', 'target-password-1');
    for (const refusal of [locked, lockedUnknown]) {
      expect(failure(refusal).code).toBe('LIMIT_EXCEEDED');
      expect(failure(refusal).retryAfterSeconds).toBeGreaterThan(60);
      expect(failure(refusal).retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
      expect(errorOf(refusal).message).toMatch(/^Too many attempts; try again in \d+ seconds$/);
    }
    // Other accounts are not held up.
    await expect(system.signIn('xf.admin', 'county-admin-pass')).resolves.toBeTruthy();
  });

  it('a successful sign-in forgets the wrong passwords before it', async () => {
    ok(
      await system.query(CREATE_STAFF, {
        input: {
          organisationId: ids.xfCivil,
          username: 'xf.forgetful',
          displayName: '健忘的人',
          password: 'forgetful-password',
          roles: ['CASEWORKER'],
        },
      }),
    );
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 9; i++)
        expect(codeOf(await attempt('xf.forgetful', `wrong-${i}-xx`))).toBe('UNAUTHENTICATED');
      await expect(system.signIn('xf.forgetful', 'forgetful-password')).resolves.toBeTruthy();
    }
  });

  it('an app’s wrong secrets lock its credential exchange too', async () => {
    const credentials = await registerClient(null, {
      organisationId: ids.xfPolice,
      name: '被猜应用',
      scopes: ['CASES_READ'],
    });
    for (let i = 0; i < SIGN_IN_LIMITS.perClient.points; i++) {
      const wrong = await system.queryAs(null, CLIENT_TOKEN, {
        input: { clientId: credentials.clientId, clientSecret: `dds_wrong-${i}` },
      });
      expect(codeOf(wrong)).toBe('UNAUTHENTICATED');
    }
    const locked = await system.queryAs(null, CLIENT_TOKEN, { input: credentials });
    expect(failure(locked)).toMatchObject({ code: 'LIMIT_EXCEEDED' });
  });
});

describe('sign-in from one address behind a trusted proxy', () => {
  it('locks out an address that keeps failing whatever names it tries, while other addresses still sign in', async () => {
    // A second gateway in front of the same subgraphs, told to trust one proxy's X-Forwarded-For.
    const proxied = await startGateway({
      subgraphUrls: Object.fromEntries(SUBGRAPHS.map((name) => [name, system.subgraphs[name].url])) as Record<
        SubgraphName,
        string
      >,
      signingKey: (await testKeys()).gateway,
      sessionCacheMs: 0,
      trustProxyHops: 1,
    });
    try {
      const from = (address: string, username: string, password: string) =>
        graphql(proxied.url, SIGN_IN, { input: { username, password } }, { 'x-forwarded-for': `10.0.0.9, ${address}` });
      const limit = SIGN_IN_LIMITS.perAddress.points;
      // Fewer tries per name than lock an account: only the address can be what stops them.
      for (let i = 0; i <= limit; i++) {
        const refused = await from('198.51.100.7', `guess.${i % 25}`, `wrong-password-${i}`);
        expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      }
      const locked = await from('198.51.100.7', 'xf.admin', 'county-admin-pass');
      expect(locked.errors?.[0]?.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED' });
      const elsewhere = await from('203.0.113.20', 'xf.admin', 'county-admin-pass');
      expect(elsewhere.errors).toBeUndefined();
    } finally {
      await proxied.stop();
    }
  });
});

describe('anonymous callers', () => {
  it('get UNAUTHENTICATED from me and from single-record reads, whatever the id', async () => {
    for (const query of [
      `{ me { kind } }`,
      `{ organisation(id: "${ids.xfCivil}") { name } }`,
      `{ organisation(id: "not-an-id") { name } }`,
      `{ jurisdiction(code: "${XIANGFEN}") { name } }`,
      `{ jointMeeting(id: "019a0000-0000-7000-8000-00000000dead") { name } }`,
    ]) {
      expect(codeOf(await system.queryAs(null, query)), query).toBe('UNAUTHENTICATED');
    }
  });

  it('get UNAUTHENTICATED from the organisations subgraph itself, even past the gateway', async () => {
    const anonymous = await principalHeader(ANONYMOUS);
    for (const query of [
      `{ me { kind } }`,
      `{ organisation(id: "not-an-id") { name } }`,
      `{ jointMeeting(id: "019a0000-0000-7000-8000-00000000dead") { name } }`,
      `mutation { deactivateStaffAccount(input: { id: "019a0000-0000-7000-8000-00000000dead" }) { account { id } } }`,
    ]) {
      const result = await graphql(system.subgraphs.organisations.url, query, {}, anonymous);
      expect(result.errors?.[0]?.extensions?.code, query).toBe('UNAUTHENTICATED');
    }
  });
});

describe('the first administrator in production', () => {
  let db: TestDatabase;
  let subgraph: RunningSubgraph | undefined;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await subgraph?.stop();
    await db?.drop();
  });

  const run = async (argv: string[], env: Record<string, string>, stdin?: string) => {
    const lines: string[] = [];
    const code = await createAdminCommand({
      argv,
      env: { DATABASE_URL: db.url, ...env },
      readStdin: async () => stdin,
      out: (line) => lines.push(line),
    });
    return { code, output: lines.join('\n') };
  };

  it('is created once, from a password read from stdin, never argv; demo data gives production no sign-in', async () => {
    // Production with demo data: the directory loads, the public demo passwords do not.
    subgraph = await startSubgraph(organisations, {
      adminDatabaseUrl: db.url,
      demoData: true,
      production: true,
      env: await testEnv(),
    });
    const signIn = async (username: string, password: string) =>
      graphql(subgraph!.url, SIGN_IN, { input: { username, password } }, await principalHeader(ANONYMOUS));
    expect((await signIn('doudi.admin', 'doudi-demo-2026')).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    const refusedArgv = await run(
      ['--username', 'root.admin', '--organisation', 'x', '--password', 'in-argv-1234'],
      {},
    );
    expect(refusedArgv.code).toBe(2);

    const created = await run(
      [
        '--username',
        'sx.admin',
        '--organisation',
        '山西省民政厅',
        '--jurisdiction',
        '140000000000',
        '--jurisdiction-name',
        '山西省',
      ],
      {},
      'first-admin-password\n',
    );
    expect(created.output).toMatch(/Created system administrator sx\.admin/);
    expect(created.output).not.toMatch(/first-admin-password/);
    expect(created.code).toBe(0);
    const token = await signIn('sx.admin', 'first-admin-password');
    expect(token.errors).toBeUndefined();
    expect(claimsOf(token.data!.signIn.accessToken)).toMatchObject({ roles: ['SYSTEM_ADMIN'] });

    const again = await run(['--username', 'sx.second', '--organisation', '山西省民政厅'], {
      [PASSWORD_ENV]: 'second-admin-password',
    });
    expect(again.code).toBe(1);
    expect(again.output).toMatch(/already exists/);
    expect((await signIn('sx.second', 'second-admin-password')).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
