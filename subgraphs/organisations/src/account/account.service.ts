import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { hash, verify } from '@node-rs/argon2';
import {
  assertId,
  assertJurisdictionCode,
  badInput,
  codePrefix,
  conflict,
  forbidden,
  notFound,
  pageWindow,
  permissionsOf,
  requirePermission,
  toConnection,
  unauthenticated,
  type AccessTokens,
  type Permission,
  type Principal,
  type Role,
  requiredText,
  isUuid,
} from '@doudi/shared';
import { ApiClient, AuthSession, SessionKind, StaffAccount } from './account.entities.js';
import { Organisation } from '../organisation/organisation.entity.js';
import type {
  CreateApiClientInput,
  CreateStaffAccountInput,
  SignInInput,
  ClientCredentialsInput,
} from './account.inputs.js';

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,63}$/;
const MIN_PASSWORD = 10;
// Verified against when the username is unknown, so a wrong username costs as long as a wrong password.
const DUMMY_HASH = await hash('doudi-no-such-account');
const WRONG_CREDENTIALS = 'Wrong username or password, or the account is deactivated';

export interface IssuedToken {
  accessToken: string;
  tokenType: string;
  expiresAt: Date;
}

async function openSession(
  em: EntityManager,
  tokens: AccessTokens,
  principal: Principal & { id: string },
): Promise<IssuedToken> {
  const expiresAt = new Date(Date.now() + tokens.ttlSeconds * 1000);
  const session = Object.assign(new AuthSession(), {
    kind: principal.kind === 'STAFF' ? SessionKind.STAFF : SessionKind.API_CLIENT,
    principalId: principal.id,
    expiresAt,
  });
  em.persist(session);
  await em.flush();
  return {
    accessToken: await tokens.issue({ ...principal, sessionId: session.id }, expiresAt),
    tokenType: 'Bearer',
    expiresAt,
  };
}

async function activeOrganisation(em: EntityManager, id: string) {
  const organisation = await em.findOne(Organisation, { id });
  return organisation && !organisation.deactivatedAt ? organisation : null;
}

export async function signIn(em: EntityManager, tokens: AccessTokens, input: SignInInput): Promise<IssuedToken> {
  const account = await em.findOne(StaffAccount, { username: input.username?.trim().toLowerCase() ?? '' });
  const passwordOk = await verify(account?.passwordHash ?? DUMMY_HASH, input.password ?? '');
  if (!account || !passwordOk || account.deactivatedAt || !(await activeOrganisation(em, account.organisationId))) {
    throw unauthenticated(WRONG_CREDENTIALS);
  }
  account.lastSignInAt = new Date();
  return openSession(em, tokens, {
    kind: 'STAFF',
    id: account.id,
    organisationId: account.organisationId,
    jurisdictionCode: account.jurisdictionCode,
    roles: account.roles,
    scopes: [],
  });
}

export async function issueClientToken(
  em: EntityManager,
  tokens: AccessTokens,
  input: ClientCredentialsInput,
): Promise<IssuedToken> {
  const client = isUuid(input.clientId ?? '')
    ? await em.findOne(ApiClient, { id: input.clientId.toLowerCase() })
    : null;
  const secretOk = await verify(client?.secretHash ?? DUMMY_HASH, input.clientSecret ?? '');
  if (!client || !secretOk || client.deactivatedAt || !(await activeOrganisation(em, client.organisationId))) {
    throw unauthenticated('Unknown or deactivated client, or wrong secret');
  }
  return openSession(em, tokens, {
    kind: 'API_CLIENT',
    id: client.id,
    organisationId: client.organisationId,
    jurisdictionCode: client.jurisdictionCode,
    roles: [],
    scopes: client.scopes,
  });
}

export async function signOut(em: EntityManager, principal: Principal): Promise<boolean> {
  if (principal.kind === 'ANONYMOUS' || !principal.sessionId) throw unauthenticated();
  await em.nativeUpdate(AuthSession, { id: principal.sessionId, revokedAt: null }, { revokedAt: new Date() });
  return true;
}

/** What the gateway asks before it trusts a token: has its session been revoked or has it lapsed? */
export async function sessionActive(em: EntityManager, sessionId: string): Promise<boolean> {
  if (!isUuid(sessionId)) return false;
  const session = await em.findOne(AuthSession, { id: sessionId });
  return !!session && !session.revokedAt && session.expiresAt > new Date();
}

export async function revokeSessionsOf(em: EntityManager, principalIds: string[]) {
  if (principalIds.length)
    await em.nativeUpdate(
      AuthSession,
      { principalId: { $in: principalIds }, revokedAt: null },
      { revokedAt: new Date() },
    );
}

/** The jurisdiction an account or client works in: its organisation's, or a division below it. */
async function accountJurisdiction(
  em: EntityManager,
  organisationId: string,
  requested: string | undefined,
  field: string,
) {
  const organisation = await activeOrganisation(em, assertId(`${field}.organisationId`, organisationId));
  if (!organisation) throw notFound('Organisation', organisationId);
  const code = requested
    ? assertJurisdictionCode(`${field}.jurisdictionCode`, requested)
    : organisation.jurisdictionCode;
  if (!code.startsWith(codePrefix(organisation.jurisdictionCode))) {
    throw badInput(`${field}.jurisdictionCode`, `${code} lies outside ${organisation.name}'s jurisdiction`);
  }
  return code;
}

function assertGrantable(principal: Principal, roles: Role[], scopes: Permission[]) {
  if (roles.includes('SYSTEM_ADMIN') && !principal.roles.includes('SYSTEM_ADMIN')) {
    throw forbidden('Only a system administrator can make another');
  }
  const own = permissionsOf(principal);
  const beyond = scopes.filter((s) => !own.has(s));
  if (beyond.length) throw forbidden(`You cannot grant what you do not hold: ${beyond.join(', ')}`);
}

export async function createStaffAccount(em: EntityManager, principal: Principal, input: CreateStaffAccountInput) {
  const username = input.username?.trim().toLowerCase() ?? '';
  if (!USERNAME.test(username))
    throw badInput('input.username', 'A username is 3–64 lower-case letters, digits, dots, dashes or underscores');
  const displayName = requiredText('input.displayName', input.displayName, 50, 'A display name');
  if ((input.password ?? '').length < MIN_PASSWORD)
    throw badInput('input.password', `A password has at least ${MIN_PASSWORD} characters`);
  if (input.password.toLowerCase().includes(username))
    throw badInput('input.password', 'A password must not contain the username');
  if (!input.roles?.length) throw badInput('input.roles', 'An account needs at least one role');

  const jurisdictionCode = await accountJurisdiction(em, input.organisationId, input.jurisdictionCode, 'input');
  requirePermission(principal, 'staff:manage', jurisdictionCode);
  assertGrantable(principal, input.roles, []);
  if (await em.count(StaffAccount, { username }))
    throw conflict(`The username ${username} is taken`, { field: 'input.username' });

  const account = Object.assign(new StaffAccount(), {
    organisationId: input.organisationId.toLowerCase(),
    username,
    displayName,
    passwordHash: await hash(input.password),
    roles: [...new Set(input.roles)],
    jurisdictionCode,
  });
  em.persist(account);
  await em.flush();
  return account;
}

export async function createApiClient(em: EntityManager, principal: Principal, input: CreateApiClientInput) {
  const name = requiredText('input.name', input.name, 100, 'A name');
  if (!input.scopes?.length) throw badInput('input.scopes', 'A client needs at least one scope');
  const jurisdictionCode = await accountJurisdiction(em, input.organisationId, input.jurisdictionCode, 'input');
  requirePermission(principal, 'staff:manage', jurisdictionCode);
  assertGrantable(principal, [], input.scopes);

  const clientSecret = `dds_${randomBytes(32).toString('base64url')}`;
  const client = Object.assign(new ApiClient(), {
    organisationId: input.organisationId.toLowerCase(),
    name,
    secretHash: await hash(clientSecret),
    scopes: [...new Set(input.scopes)],
    jurisdictionCode,
  });
  em.persist(client);
  await em.flush();
  return { client, clientSecret };
}

export async function deactivateStaffAccount(em: EntityManager, principal: Principal, id: string) {
  const account = await em.findOne(StaffAccount, { id: assertId('input.id', id) });
  if (!account) throw notFound('StaffAccount', id);
  requirePermission(principal, 'staff:manage', account.jurisdictionCode);
  return em.transactional(async (tx) => {
    account.deactivatedAt ??= new Date();
    await tx.persist(account).flush();
    await revokeSessionsOf(tx, [account.id]);
    return account;
  });
}

export async function deactivateApiClient(em: EntityManager, principal: Principal, id: string) {
  const client = await em.findOne(ApiClient, { id: assertId('input.id', id) });
  if (!client) throw notFound('ApiClient', id);
  requirePermission(principal, 'staff:manage', client.jurisdictionCode);
  return em.transactional(async (tx) => {
    client.deactivatedAt ??= new Date();
    await tx.persist(client).flush();
    await revokeSessionsOf(tx, [client.id]);
    return client;
  });
}

export async function listStaffAccounts(
  em: EntityManager,
  principal: Principal,
  args: { organisationId?: string; first?: number; after?: string; offset?: number },
) {
  requirePermission(principal, 'staff:manage');
  const window = pageWindow(args);
  const where: Record<string, unknown> = {
    jurisdictionCode: {
      $like: `${principal.roles.includes('SYSTEM_ADMIN') ? '' : codePrefix(principal.jurisdictionCode!)}%`,
    },
  };
  if (args.organisationId) where.organisationId = assertId('organisationId', args.organisationId);
  const [nodes, total] = await em.findAndCount(StaffAccount, where, { ...window, orderBy: [{ username: 'asc' }] });
  return toConnection(nodes, total, window);
}
