/**
 * npm run keys > .env — makes the signing keys a production deployment needs (README, "Keys"):
 * the token issuer's key for the organisations subgraph, the gateway's key, and its public half for every
 * subgraph, and the service key pair every subgraph signs and checks event deliveries with. Keep the file
 * secret; docker compose reads it.
 */
import { randomBytes } from 'node:crypto';
import { generateSigningKey, publicJwkOf } from '@doudi/shared';

const auth = await generateSigningKey();
const gateway = await generateSigningKey();
const service = await generateSigningKey();
const line = (name: string, value: object) => `${name}='${JSON.stringify(value)}'`;
console.log(
  [
    '# Doudi signing keys, made by `npm run keys`. Secret: never commit this file.',
    line('AUTH_SIGNING_KEY', auth),
    line('GATEWAY_SIGNING_KEY', gateway),
    line('GATEWAY_PUBLIC_KEY', publicJwkOf(gateway)),
    line('SERVICE_SIGNING_KEY', service),
    line('SERVICE_PUBLIC_KEY', publicJwkOf(service)),
    `PERSONAL_DATA_KEY='${randomBytes(32).toString('base64')}'`,
  ].join('\n'),
);
