import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverySigner, newId } from '@doudi/shared';
import { startTestSubgraph, testKeys } from '@doudi/shared/testing';
import { programmes } from '../index.js';
import { LEGACY_DEADLINE_SETTINGS_PATH } from './deadline-settings.route.js';

let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
const id = newId();
beforeAll(async () => {
  subgraph = await startTestSubgraph(programmes);
  await subgraph.orm.em
    .fork()
    .getConnection()
    .execute(
      `insert into "programmes"."deadline_setting"
         (id, version, created_at, updated_at, jurisdiction_code, rule, amount, reason)
       values (?, 1, now(), now(), '141023000000', 'DEATH_CASE_REFERRALS', 5, '县联席会议决定')`,
      [id],
    );
});
afterAll(() => subgraph?.stop());

const url = () => subgraph.url.replace(/\/graphql$/, LEGACY_DEADLINE_SETTINGS_PATH);

describe('the time limits programmes kept before they moved to cases', () => {
  it('are answered to cases, signed with the service key, for it to copy', async () => {
    const body = '{}';
    const signer = await deliverySigner((await testKeys()).service, 'cases');
    const response = await fetch(url(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: await signer.sign('programmes', body) },
      body,
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { settings: unknown[] }).settings).toEqual([
      expect.objectContaining({ id, jurisdictionCode: '141023000000', rule: 'DEATH_CASE_REFERRALS', amount: 5 }),
    ]);
  });

  it('are refused to anyone without the service signature', async () => {
    const response = await fetch(url(), { method: 'POST', body: '{}' });
    expect(response.status).toBe(401);
  });
});
