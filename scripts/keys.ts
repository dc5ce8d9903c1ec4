/**
 * npm run -s keys > .env — makes the secrets a production deployment needs (README, "Keys" and "Running in
 * production"): the token issuer's key for the organisations subgraph, the gateway's key and its public half for
 * every subgraph, the service key pair every subgraph signs and checks event deliveries with, the key that seals
 * personal data, a password for PostgreSQL's administrator and for each subgraph's database role, and the
 * token Prometheus presents at /metrics. Keep the file secret.
 *
 * Each line is NAME='value': a POSIX shell reads it with `set -a; . ./.env; set +a` and docker compose reads it
 * as its .env file. Single quotes keep a JSON key literal in both; no value may hold a single quote, a newline
 * or a `$` (compose would otherwise interpolate it), which envLine checks. Use `npm run -s`: without -s npm
 * prints its own header lines into the file.
 */
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ENV, generateSigningKey, publicJwkOf, SUBGRAPHS } from '@doudi/shared';

export function envLine(name: string, value: string): string {
  if (/['\n\r$\\]/.test(value)) throw new Error(`${name}: a value for .env cannot hold ' $ \\ or a line break`);
  return `${name}='${value}'`;
}

/** URL-safe random text: no character a shell, compose or a connection string would read specially. */
const secret = (bytes = 24) => randomBytes(bytes).toString('base64url');

export async function productionEnvFile(): Promise<string> {
  const auth = await generateSigningKey();
  const gateway = await generateSigningKey();
  const service = await generateSigningKey();
  return [
    '# Doudi secrets, made by `npm run -s keys`. Secret: never commit this file.',
    envLine('AUTH_SIGNING_KEY', JSON.stringify(auth)),
    envLine('GATEWAY_SIGNING_KEY', JSON.stringify(gateway)),
    envLine('GATEWAY_PUBLIC_KEY', JSON.stringify(publicJwkOf(gateway))),
    envLine('SERVICE_SIGNING_KEY', JSON.stringify(service)),
    envLine('SERVICE_PUBLIC_KEY', JSON.stringify(publicJwkOf(service))),
    envLine('PERSONAL_DATA_KEY', randomBytes(32).toString('base64')),
    '# PostgreSQL: the administrator (docker compose creates it) and each subgraph’s own role.',
    envLine('POSTGRES_PASSWORD', secret()),
    ...SUBGRAPHS.map((name) => envLine(ENV.dbPassword(name), secret())),
    '# Bearer token for GET /metrics on every service.',
    envLine('METRICS_TOKEN', secret()),
    '',
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.stdout.write(await productionEnvFile());
}
