import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverySigner, INTERNAL_ROUTES, internalRouteUrl, postSigned } from '@doudi/shared';
import { startTestSubgraph, testKeys } from '@doudi/shared/testing';
import { organisations } from '../index.js';

let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
beforeAll(async () => {
  subgraph = await startTestSubgraph(organisations, { demoData: true });
});
afterAll(() => subgraph?.stop());
const routeUrl = () => internalRouteUrl(subgraph.url, INTERNAL_ROUTES.workingDays);

describe('working days for scheduled jobs (no caller to pass on)', () => {
  it('answers a job signed with the service key with the county’s calendar: 30 Sept 2026 + 3 working days is 10 Oct', async () => {
    const signer = await deliverySigner((await testKeys()).service, 'cases');
    const days = { jurisdictionCode: '141023000000', from: '2026-09-30', days: 3 };
    const response = await postSigned(signer, 'organisations', routeUrl(), days, 5_000);
    expect(await response.json()).toEqual({
      date: '2026-10-10',
      scheduleComplete: true,
      warnings: [],
    });
  });

  it('refuses a call without the service signature', async () => {
    const response = await fetch(routeUrl(), {
      method: 'POST',
      body: JSON.stringify({ jurisdictionCode: '141023000000', from: '2026-09-30', days: 3 }),
    });
    expect(response.status).toBe(401);
  });
});
