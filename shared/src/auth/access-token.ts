import { jwtVerify, SignJWT, type JWK } from 'jose';
import { importSigningKey, publicJwkOf, SIGNING_ALG } from './keys.js';
import { isPermission, isRole } from './permissions.js';
import type { Principal } from './principal.js';

export const ACCESS_TOKEN_ISSUER = 'doudi-auth';
export const ACCESS_TOKEN_AUDIENCE = 'doudi';
export const DEFAULT_ACCESS_TOKEN_TTL_SECONDS = 15 * 60;

export interface AccessTokens {
  /** Signs a short-lived access token for a signed-in principal. */
  issue(principal: Principal & { sessionId: string }, expiresAt: Date): Promise<string>;
  /** The public keys that verify the tokens, served at /.well-known/jwks.json. */
  jwks: { keys: JWK[] };
  ttlSeconds: number;
}

export async function accessTokens(
  privateJwk: JWK,
  ttlSeconds = DEFAULT_ACCESS_TOKEN_TTL_SECONDS,
): Promise<AccessTokens> {
  const key = await importSigningKey(privateJwk);
  return {
    ttlSeconds,
    jwks: { keys: [publicJwkOf(privateJwk)] },
    issue: (principal, expiresAt) =>
      new SignJWT({
        kind: principal.kind,
        org: principal.organisationId,
        jur: principal.jurisdictionCode,
        roles: principal.roles,
        scopes: principal.scopes,
        sid: principal.sessionId,
        act: principal.actorId ?? principal.id,
      })
        .setProtectedHeader({ alg: SIGNING_ALG, kid: privateJwk.kid, typ: 'at+jwt' })
        .setIssuer(ACCESS_TOKEN_ISSUER)
        .setAudience(ACCESS_TOKEN_AUDIENCE)
        .setSubject(principal.id!)
        .setIssuedAt()
        .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
        .sign(key),
  };
}

type KeyInput = Parameters<typeof jwtVerify>[1];

/** Reads a verified access token back into a principal (the gateway does this on every request). */
export async function principalOfAccessToken(token: string, key: KeyInput): Promise<Principal> {
  const { payload } = await jwtVerify(token, key as never, {
    issuer: ACCESS_TOKEN_ISSUER,
    audience: ACCESS_TOKEN_AUDIENCE,
    algorithms: [SIGNING_ALG],
    typ: 'at+jwt',
  });
  const kind = payload.kind === 'STAFF' || payload.kind === 'API_CLIENT' ? payload.kind : undefined;
  if (!kind || !payload.sub || typeof payload.sid !== 'string') throw new Error('malformed access token');
  return {
    kind,
    id: payload.sub,
    organisationId: (payload.org as string) ?? null,
    jurisdictionCode: (payload.jur as string) ?? null,
    roles: ((payload.roles as string[]) ?? []).filter(isRole),
    scopes: ((payload.scopes as string[]) ?? []).filter(isPermission),
    sessionId: payload.sid,
    actorId: typeof payload.act === 'string' ? payload.act : payload.sub,
  };
}
