import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { hash, verify } from '@node-rs/argon2';
import {
  assertId,
  assertJurisdictionCode,
  badInput,
  codePrefix,
  conflict,
  createOnce,
  forbidden,
  previousCreate,
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
  ROLE_PERMISSIONS,
  createThrottle,
  throttled as throttledError,
  type Logger,
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
const WRONG_CLIENT_CREDENTIALS = 'Unknown or deactivated client, or wrong secret';

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

/**
 * Sign-in resists guessing (issue 10 item 7). Every attempt on an account name or client id counts; the
 * eleventh within 15 minutes is refused for 15 minutes, and a successful sign-in forgets the count. Failed
 * attempts from one client address count too: past 50 in 15 minutes that address waits 15 minutes, whatever
 * name it tries. Counts live in PostgreSQL (`throttle`), shared by every replica. A refused attempt costs
 * no password hash, and the answer is the same whether the name exists or not.
 */
export const SIGN_IN_LIMITS = {
  perAccount: { name: 'sign-in-account', points: 10, durationSeconds: 15 * 60, blockSeconds: 15 * 60 },
  perClient: { name: 'client-credentials', points: 10, durationSeconds: 15 * 60, blockSeconds: 15 * 60 },
  perAddress: { name: 'sign-in-address', points: 50, durationSeconds: 15 * 60, blockSeconds: 15 * 60 },
} as const;

/** Who is trying to sign in, beyond the credentials: where from, and where to log. */
export interface SignInAttempt {
  /** The caller's address as the gateway vouches for it; without one only the account name is throttled. */
  clientAddress?: string | null;
  logger?: Logger;
}

/** The caller's address, when the gateway's signed principal carries one. */
export function clientAddressOf(principal: Principal): string | null {
  const address = principal.clientAddress;
  return typeof address === 'string' && address.length > 0 && address.length <= 100 ? address : null;
}

type CredentialKind = 'STAFF' | 'API_CLIENT';

/**
 * Runs one credential check under the throttles. `check` returns the principal's id when the credentials
 * are right, or null (with the id of the account they named, if any, for the log) when they are not.
 */
async function throttled<T>(
  em: EntityManager,
  kind: CredentialKind,
  name: string,
  attempt: SignInAttempt,
  check: () => Promise<{ ok: true; value: T } | { ok: false; accountId: string | null }>,
): Promise<T> {
  const perName = createThrottle(em, kind === 'STAFF' ? SIGN_IN_LIMITS.perAccount : SIGN_IN_LIMITS.perClient);
  const perAddress = createThrottle(em, SIGN_IN_LIMITS.perAddress);
  const address = attempt.clientAddress ?? null;
  const log = attempt.logger;
  const refuse = (scope: 'account' | 'address', error: unknown) => {
    const retryAfterSeconds = (error as { extensions?: { retryAfterSeconds?: number } }).extensions?.retryAfterSeconds;
    log?.warn(
      { event: 'sign-in.throttled', kind, scope, clientAddress: address, retryAfterSeconds },
      'sign-in throttled',
    );
    return error;
  };
  if (address) {
    const wait = await perAddress.retryAfter(address);
    if (wait > 0) throw refuse('address', throttledError(wait));
  }
  try {
    await perName.consume(name);
  } catch (error) {
    throw refuse('account', error);
  }
  const outcome = await check();
  if (!outcome.ok) {
    // The address's count grows with failures only: an office's staff signing in every 15 minutes is fine.
    if (address) await perAddress.consume(address).catch(() => undefined);
    log?.warn(
      { event: 'sign-in.refused', kind, accountId: outcome.accountId, clientAddress: address },
      'sign-in refused: wrong credentials, or the account is deactivated',
    );
    throw kind === 'STAFF' ? unauthenticated(WRONG_CREDENTIALS) : unauthenticated(WRONG_CLIENT_CREDENTIALS);
  }
  await perName.reset(name);
  return outcome.value;
}

export async function signIn(
  em: EntityManager,
  tokens: AccessTokens,
  input: SignInInput,
  attempt: SignInAttempt = {},
): Promise<IssuedToken> {
  const username = input.username?.trim().toLowerCase() ?? '';
  const account = await throttled(em, 'STAFF', username, attempt, async () => {
    const account = await em.findOne(StaffAccount, { username });
    const passwordOk = await verify(account?.passwordHash ?? DUMMY_HASH, input.password ?? '');
    if (!account || !passwordOk || account.deactivatedAt || !(await activeOrganisation(em, account.organisationId)))
      return { ok: false, accountId: account?.id ?? null };
    return { ok: true, value: account };
  });
  account.lastSignInAt = new Date();
  return openSession(em, tokens, {
    kind: 'STAFF',
    id: account.id,
    organisationId: account.organisationId,
    jurisdictionCode: account.jurisdictionCode,
    roles: account.roles,
    scopes: [],
    actorId: account.id,
  });
}

export async function issueClientToken(
  em: EntityManager,
  tokens: AccessTokens,
  input: ClientCredentialsInput,
  attempt: SignInAttempt = {},
): Promise<IssuedToken> {
  const clientId = (input.clientId ?? '').trim().toLowerCase();
  const client = await throttled(em, 'API_CLIENT', clientId, attempt, async () => {
    const client = isUuid(clientId) ? await em.findOne(ApiClient, { id: clientId }) : null;
    const secretOk = await verify(client?.secretHash ?? DUMMY_HASH, input.clientSecret ?? '');
    if (!client || !secretOk || client.deactivatedAt || !(await activeOrganisation(em, client.organisationId)))
      return { ok: false, accountId: client?.id ?? null };
    return { ok: true, value: client };
  });
  return openSession(em, tokens, {
    kind: 'API_CLIENT',
    id: client.id,
    organisationId: client.organisationId,
    jurisdictionCode: client.jurisdictionCode,
    roles: [],
    scopes: client.scopes,
    actorId: client.registeredById ?? client.id,
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
  return { code, organisationCode: organisation.jurisdictionCode };
}

/**
 * No widening of privileges (issue 10 item 3): whoever grants may grant only what they hold themselves —
 * every permission a role gives, every scope — and only within their own jurisdiction subtree (the caller
 * checks the subtree with requirePermission). System administration reaches everywhere, so only a system
 * administrator may make another. Refusals name the first permission missing.
 */
export function assertGrantable(principal: Principal, roles: readonly Role[], scopes: readonly Permission[]) {
  if (roles.includes('SYSTEM_ADMIN') && !principal.roles.includes('SYSTEM_ADMIN')) {
    throw forbidden('Only a system administrator can make another', { role: 'SYSTEM_ADMIN' });
  }
  const own = permissionsOf(principal);
  for (const role of roles) {
    const missing = ROLE_PERMISSIONS[role].filter((p) => !own.has(p));
    if (missing.length)
      throw forbidden(`You cannot grant ${role}: you do not hold ${missing.join(', ')}`, {
        role,
        permission: missing[0],
        missing,
      });
  }
  const beyond = scopes.filter((s) => !own.has(s));
  if (beyond.length)
    throw forbidden(`You cannot grant what you do not hold: ${beyond.join(', ')}`, {
      permission: beyond[0],
      missing: beyond,
    });
}

/** Staff accounts are people: only a person manages them, never an app (issue 10 item 3). */
function requireStaffManager(principal: Principal, jurisdictionCode: string) {
  requirePermission(principal, 'staff:manage', jurisdictionCode);
  if (principal.kind !== 'STAFF')
    throw forbidden(
      'An app may not create or change the accounts of people (needs a staff account with staff:manage)',
      {
        permission: 'staff:manage',
      },
    );
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

  const { code: jurisdictionCode, organisationCode } = await accountJurisdiction(
    em,
    input.organisationId,
    input.jurisdictionCode,
    'input',
  );
  requireStaffManager(principal, jurisdictionCode);
  // The organisation too: an account in a provincial bureau, even one working in a county, would see what
  // that bureau is involved in (its cases, referrals and notifications) beyond the granter's county.
  requirePermission(principal, 'staff:manage', organisationCode);
  assertGrantable(principal, input.roles, []);
  // The password is left out of what the key is checked against (it would be kept there as an unsalted digest);
  // a retry gives it again and it must be the account's.
  const sent = {
    organisationId: input.organisationId.toLowerCase(),
    username,
    displayName,
    roles: [...new Set(input.roles)].sort(),
    jurisdictionCode,
  };
  const previous = await previousCreate(em, 'createStaffAccount', input.idempotencyKey, sent);
  if (previous) {
    const account = await em.findOneOrFail(StaffAccount, { id: previous });
    if (!(await verify(account.passwordHash, input.password))) {
      throw conflict(`idempotencyKey "${input.idempotencyKey}" was already used for a different createStaffAccount`, {
        field: 'idempotencyKey',
      });
    }
    return account;
  }
  if (await em.count(StaffAccount, { username }))
    throw conflict(`The username ${username} is taken`, { field: 'input.username' });

  const passwordHash = await hash(input.password);
  return createOnce(
    em,
    'createStaffAccount',
    input.idempotencyKey,
    sent,
    async (tx) => {
      if (await tx.count(StaffAccount, { username }))
        throw conflict(`The username ${username} is taken`, { field: 'input.username' });
      const account = Object.assign(new StaffAccount(), {
        organisationId: sent.organisationId,
        username,
        displayName,
        passwordHash,
        roles: [...new Set(input.roles)],
        jurisdictionCode,
      });
      tx.persist(account);
      return account;
    },
    (fresh, id) => fresh.findOneOrFail(StaffAccount, { id }),
  );
}

/**
 * Registers an app and answers its secret, which is kept only as a hash. A retry with the same idempotencyKey
 * answers the same client without a secret (clientSecret null): it is never issued twice. Whoever lost the first
 * answer deactivates that client and registers another.
 */
export async function createApiClient(em: EntityManager, principal: Principal, input: CreateApiClientInput) {
  const name = requiredText('input.name', input.name, 100, 'A name');
  if (!input.scopes?.length) throw badInput('input.scopes', 'A client needs at least one scope');
  const { code: jurisdictionCode, organisationCode } = await accountJurisdiction(
    em,
    input.organisationId,
    input.jurisdictionCode,
    'input',
  );
  requirePermission(principal, 'staff:manage', jurisdictionCode);
  requirePermission(principal, 'staff:manage', organisationCode);
  assertGrantable(principal, [], input.scopes);

  const sent = {
    organisationId: input.organisationId.toLowerCase(),
    name,
    scopes: [...new Set(input.scopes)].sort(),
    jurisdictionCode,
  };
  const load = (fresh: EntityManager, id: string) => fresh.findOneOrFail(ApiClient, { id });
  const previous = await previousCreate(em, 'createApiClient', input.idempotencyKey, sent);
  if (previous) return { client: await load(em, previous), clientSecret: null };

  const clientSecret = `dds_${randomBytes(32).toString('base64url')}`;
  const secretHash = await hash(clientSecret);
  const issued = { secret: null as string | null };
  const client = await createOnce(
    em,
    'createApiClient',
    input.idempotencyKey,
    sent,
    async (tx) => {
      const created = Object.assign(new ApiClient(), {
        organisationId: sent.organisationId,
        name,
        secretHash,
        scopes: [...new Set(input.scopes)],
        jurisdictionCode,
        registeredById: principal.actorId ?? principal.id,
      });
      tx.persist(created);
      issued.secret = clientSecret;
      return created;
    },
    load,
  );
  // A concurrent retry that waited on the first call's key answers its client, without the secret.
  return { client, clientSecret: issued.secret };
}

export async function deactivateStaffAccount(em: EntityManager, principal: Principal, id: string) {
  const account = await em.findOne(StaffAccount, { id: assertId('input.id', id) });
  if (!account) throw notFound('StaffAccount', id);
  requireStaffManager(principal, account.jurisdictionCode);
  // Taking away someone's access is a change to it: it needs at least what they hold.
  assertGrantable(principal, account.roles, []);
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
  assertGrantable(principal, [], client.scopes);
  return em.transactional(async (tx) => {
    client.deactivatedAt ??= new Date();
    await tx.persist(client).flush();
    await revokeSessionsOf(tx, [client.id]);
    return client;
  });
}

/** The accounts and apps an administrator reaches: those working in their subtree (everywhere for a system administrator). */
function withinReach(principal: Principal) {
  return { $like: `${principal.roles.includes('SYSTEM_ADMIN') ? '' : codePrefix(principal.jurisdictionCode!)}%` };
}

/**
 * The API clients an administrator manages (staff:manage), newest first: those working in their jurisdiction's
 * subtree. Never their secret — only its hash is kept.
 */
export async function listApiClients(
  em: EntityManager,
  principal: Principal,
  args: { organisationId?: string; first?: number; after?: string; offset?: number },
) {
  requirePermission(principal, 'staff:manage');
  const window = pageWindow(args);
  const where: Record<string, unknown> = { jurisdictionCode: withinReach(principal) };
  if (args.organisationId) where.organisationId = assertId('organisationId', args.organisationId).toLowerCase();
  const [nodes, total] = await em.findAndCount(ApiClient, where, {
    ...window,
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
  });
  return toConnection(nodes, total, window);
}

export async function listStaffAccounts(
  em: EntityManager,
  principal: Principal,
  args: { organisationId?: string; first?: number; after?: string; offset?: number },
) {
  requirePermission(principal, 'staff:manage');
  const window = pageWindow(args);
  const where: Record<string, unknown> = { jurisdictionCode: withinReach(principal) };
  if (args.organisationId) where.organisationId = assertId('organisationId', args.organisationId);
  const [nodes, total] = await em.findAndCount(StaffAccount, where, { ...window, orderBy: [{ username: 'asc' }] });
  return toConnection(nodes, total, window);
}
