import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_ASSERTION_TTL_SECONDS, principalSigner, principalVerifier } from './assertion.js';
import { generateSigningKey, publicJwkOf } from './keys.js';
import type { Principal } from './principal.js';

const caseworker: Principal = {
  kind: 'STAFF',
  id: 'a1',
  organisationId: 'o1',
  jurisdictionCode: '330100000000',
  roles: ['CASEWORKER'],
  scopes: [],
};

describe('the principal a subgraph accepts from the gateway', () => {
  afterEach(() => vi.useRealTimers());

  it('is the same caller on every call of one request, and one call cannot change what the next is told', async () => {
    const jwk = await generateSigningKey();
    const verifier = await principalVerifier(publicJwkOf(jwk));
    const header = await (await principalSigner(jwk)).sign(caseworker);
    const first = await verifier.verify(header);
    expect(first).toMatchObject({ kind: 'STAFF', id: 'a1', roles: ['CASEWORKER'] });
    first.roles.push('SYSTEM_ADMIN');
    const second = await verifier.verify(header);
    expect(second.roles).toEqual(['CASEWORKER']);
  });

  it('is refused once its assertion has expired, though it was accepted before', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const jwk = await generateSigningKey();
    const verifier = await principalVerifier(publicJwkOf(jwk));
    const header = await (await principalSigner(jwk)).sign(caseworker);
    await expect(verifier.verify(header)).resolves.toMatchObject({ id: 'a1' });
    vi.setSystemTime(Date.now() + 61_000);
    await expect(verifier.verify(header)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('lives as long as a streamed import may take when the gateway asks, and never beyond the maximum', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const jwk = await generateSigningKey();
    const verifier = await principalVerifier(publicJwkOf(jwk));
    const signer = await principalSigner(jwk);
    const start = Date.now();
    const importing = await signer.sign(caseworker, { ttlSeconds: 300 });
    const greedy = await signer.sign(caseworker, { ttlSeconds: 24 * 3600 });
    vi.setSystemTime(start + 290_000);
    await expect(verifier.verify(importing)).resolves.toMatchObject({ id: 'a1' });
    vi.setSystemTime(start + 301_000);
    await expect(verifier.verify(importing)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    vi.setSystemTime(start + (MAX_ASSERTION_TTL_SECONDS + 1) * 1000);
    await expect(verifier.verify(greedy)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('is refused when signed by another key or altered, even after a valid one was accepted', async () => {
    const jwk = await generateSigningKey();
    const verifier = await principalVerifier(publicJwkOf(jwk));
    const valid = await (await principalSigner(jwk)).sign(caseworker);
    await verifier.verify(valid);
    const forged = await (await principalSigner(await generateSigningKey())).sign(caseworker);
    await expect(verifier.verify(forged)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    const [head, , signature] = valid.split('.');
    const body = Buffer.from(JSON.stringify({ ...caseworker, roles: ['SYSTEM_ADMIN'] })).toString('base64url');
    await expect(verifier.verify(`${head}.${body}.${signature}`)).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });
});
