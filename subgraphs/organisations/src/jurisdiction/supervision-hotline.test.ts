import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, type Principal } from '@doudi/shared';
import { failure, mutation, ok, startTestSubgraph } from '@doudi/shared/testing';
import { organisations } from '../index.js';

let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
beforeAll(async () => {
  subgraph = await startTestSubgraph(organisations, { demoData: true });
});
afterAll(() => subgraph?.stop());

const adminOf = (jurisdictionCode: string): Principal => ({
  kind: 'STAFF',
  id: newId(),
  organisationId: null,
  jurisdictionCode,
  roles: ['JURISDICTION_ADMIN'],
  scopes: [],
});
const county = adminOf('141023000000');
const set = (principal: Principal, jurisdictionCode: string, phone: string | null) =>
  subgraph.query(
    mutation('setSupervisionHotline', 'jurisdiction { code supervisionHotline }'),
    { input: { jurisdictionCode, phone } },
    principal,
  );
const hotlineOf = async (code: string) =>
  ok(await subgraph.query(`query($code: ID!) { jurisdiction(code: $code) { supervisionHotline } }`, { code }, county))
    .jurisdiction.supervisionHotline;

describe('the supervision and report hotline (临社救办发〔2015〕3号 二(一): 建立并公布社会救助监督举报热线)', () => {
  it('a county publishes its hotline and every township and village below shows it until one publishes its own', async () => {
    expect(ok(await set(county, '141023000000', '0357-3522110')).setSupervisionHotline.jurisdiction).toEqual({
      code: '141023000000',
      supervisionHotline: '03573522110',
    });
    expect(await hotlineOf('141023100000')).toBe('03573522110');
    ok(await set(county, '141023100000', '12345'));
    expect(await hotlineOf('141023100000')).toBe('12345');
    ok(await set(county, '141023100000', null));
    expect(await hotlineOf('141023100000')).toBe('03573522110');
  });

  it('refuses what is not a phone number, and a division outside the administrator’s own', async () => {
    const bad = failure(await set(county, '141023000000', '110abc'));
    expect([bad.code, bad.field]).toEqual(['BAD_USER_INPUT', 'input.phone']);
    expect(failure(await set(adminOf('350582000000'), '141023000000', '12345')).code).toBe('FORBIDDEN');
  });
});
