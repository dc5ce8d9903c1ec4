import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';

/** Ed25519 signatures: small, fast, and no parameters to get wrong. */
export const SIGNING_ALG = 'EdDSA';

/**
 * The three signing keys of the system:
 * - `auth`: the organisations subgraph signs access tokens with it; its public half is the JWKS.
 * - `gateway`: the gateway signs the principal it forwards; subgraphs hold only the public half.
 * - `service`: every subgraph holds both halves, and uses them only to sign and check event deliveries
 *   (events/delivery-token.ts), so a forwarded principal can never pass for an event or the reverse.
 */
export type KeyName = 'auth' | 'gateway' | 'service';
export const KEY_ENV: Record<KeyName, { privateKey: string; publicKey: string }> = {
  auth: { privateKey: 'AUTH_SIGNING_KEY', publicKey: 'AUTH_PUBLIC_KEY' },
  gateway: { privateKey: 'GATEWAY_SIGNING_KEY', publicKey: 'GATEWAY_PUBLIC_KEY' },
  service: { privateKey: 'SERVICE_SIGNING_KEY', publicKey: 'SERVICE_PUBLIC_KEY' },
};
export const KEYS_DIR_ENV = 'KEYS_DIR';
export const DEFAULT_KEYS_DIR = new URL('../../../.data/keys', import.meta.url).pathname;

export async function generateSigningKey(): Promise<JWK> {
  const { privateKey } = await generateKeyPair(SIGNING_ALG, { crv: 'Ed25519', extractable: true });
  return { ...(await exportJWK(privateKey)), kid: randomUUID(), alg: SIGNING_ALG, use: 'sig' };
}

export function publicJwkOf(jwk: JWK): JWK {
  const { d: _private, ...publicPart } = jwk;
  return publicPart;
}

export const importSigningKey = (jwk: JWK) => importJWK(jwk, SIGNING_ALG) as Promise<CryptoKey>;

function parseJwk(variable: string, raw: string): JWK {
  try {
    return JSON.parse(raw) as JWK;
  } catch {
    throw new Error(`${variable} must hold a JSON Web Key (see README, "Keys")`);
  }
}

/**
 * A private key from the environment; in development, from KEYS_DIR (created on first use and kept, like
 * the embedded database). In production a missing key stops the service: a generated one would differ
 * between replicas and sign tokens no other replica accepts.
 */
export async function loadPrivateKey(name: KeyName, env = process.env): Promise<JWK> {
  const variable = KEY_ENV[name].privateKey;
  if (env[variable]) return parseJwk(variable, env[variable]!);
  return JSON.parse(
    await developmentSecret(
      `${name}-signing-key.json`,
      variable,
      async () => JSON.stringify(await generateSigningKey()),
      env,
    ),
  ) as JWK;
}

/**
 * A secret kept in KEYS_DIR for development, made on first use and kept like the embedded database.
 * In production a missing secret stops the service: a generated one would differ between replicas.
 */
export async function developmentSecret(
  file: string,
  variable: string,
  make: () => Promise<string>,
  env = process.env,
): Promise<string> {
  if (env.NODE_ENV === 'production') throw new Error(`${variable} is required in production (see README, "Keys")`);
  const dir = env[KEYS_DIR_ENV] || DEFAULT_KEYS_DIR;
  const path = join(dir, file);
  if (!existsSync(path)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    try {
      writeFileSync(path, await make(), { flag: 'wx', mode: 0o600 });
    } catch (error) {
      // Another process wrote it first; use theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return readFileSync(path, 'utf8');
}

/** A public key from the environment, or derived from the development private key. */
export async function loadPublicKey(name: KeyName, env = process.env): Promise<JWK> {
  const variable = KEY_ENV[name].publicKey;
  if (env[variable]) return parseJwk(variable, env[variable]!);
  return publicJwkOf(await loadPrivateKey(name, env));
}
