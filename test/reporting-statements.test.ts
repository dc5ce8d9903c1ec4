import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as demo from '@doudi/shared/demo';
import { startSystem, type System } from './support/system.js';
import { must } from './support/steps.js';

/**
 * Issue 13 items 1 and 7: an aggregate is a fixed number of SQL statements (one GROUP BY CUBE per table), never rows
 * loaded and counted in JavaScript — so the statements a dashboard's request costs in each subgraph are the same
 * for 10 families as for 40.
 */
let system: System;
let dashboard: string;
const TOWNSHIP = '141023100000';
const { xiangfenCivilAffairs, xiangfenPolice } = demo.organisations;

/** `count` more families of 新城镇, each with a case, a referral and a grant of temporary assistance. */
async function addFamilies(count: number, caseworker: string) {
  for (let batch = 0; batch < count; batch += 10) {
    const n = Math.min(10, count - batch);
    const made = await must(
      system,
      null,
      `mutation { ${Array.from(
        { length: n },
        (_, i) => `h${i}: createHousehold(input: { jurisdictionCode: "${TOWNSHIP}", hukouType: RURAL, members: [
          { name: "户主", sex: FEMALE, relationshipToHead: SELF }, { name: "子女", sex: MALE, relationshipToHead: CHILD }] })
          { household { id } }`,
      ).join('\n')} }`,
    );
    const households = Object.values(made).map((h: any) => h.household.id as string);
    const cases = await must(
      system,
      null,
      `mutation { ${households
        .map(
          (id, i) => `c${i}: openCase(input: { householdId: "${id}", channel: HOTLINE, summary: "求助",
            jurisdictionCode: "${TOWNSHIP}", leadOrganisationId: "${xiangfenCivilAffairs.id}" }) { case { id } }`,
        )
        .join('\n')} }`,
    );
    await must(
      system,
      null,
      `mutation { ${Object.values(cases)
        .map(
          (
            c: any,
            i,
          ) => `r${i}: createReferral(input: { caseId: "${c.case.id}", fromOrganisationId: "${xiangfenPolice.id}",
            toOrganisationId: "${xiangfenCivilAffairs.id}", kind: SOCIAL_ASSISTANCE }) { referral { id } }`,
        )
        .join('\n')} }`,
    );
    await must(
      system,
      caseworker,
      `mutation { ${households
        .map(
          (id, i) => `b${i}: grantBenefit(input: { programmeId: "${demo.programmes[5].id}", householdId: "${id}",
            amount: "300", grantedOn: "2026-10-09" }) { benefit { id } }`,
        )
        .join('\n')} }`,
    );
  }
}

const DASHBOARD = `query($code: ID!, $period: ReportPeriodInput!) {
  c: caseStatistics(jurisdictionCode: $code, period: $period) {
    opened(by: [JURISDICTION, CHANNEL]) { total { value } } closed { total { value } }
    openAtPeriodEnd(by: [STAGE]) { total { value } } greenChannelShare }
  r: referralStatistics(jurisdictionCode: $code, period: $period) {
    sent(by: [RECEIVING_ORGANISATION]) { total { value } cells { organisation { name } } }
    answered(by: [TIMELINESS]) { total { value median } } }
  b: benefitStatistics(jurisdictionCode: $code, period: $period) {
    granted(by: [PROGRAMME_KIND, MONTH], statuses: [PROPOSED]) { total { value amount } }
    capsReached { total { value } } filings { total { value } } }
  h: householdStatistics(jurisdictionCode: $code, period: $period) {
    households(by: [LOW_INCOME_BAND, JURISDICTION]) { total { value } cells { jurisdiction { name } } } } }`;

async function statements() {
  const counters = system.countQueries();
  const data = await must(system, dashboard, DASHBOARD, { code: '141023000000', period: { year: 2026 } });
  for (const c of Object.values(counters)) c.stop();
  return { data, counts: Object.fromEntries(Object.entries(counters).map(([name, c]) => [name, c.count])) };
}

beforeAll(async () => {
  system = await startSystem({ demoData: true });
  dashboard = await system.signIn('xiangfen.dashboard', demo.DEMO_PASSWORD);
});
afterAll(() => system?.stop());

describe('the county dashboard’s request', () => {
  it('costs the same SQL statements per subgraph for 10 families as for 40', async () => {
    const caseworker = await system.signIn('xincheng.caseworker', demo.DEMO_PASSWORD);
    await addFamilies(10, caseworker);
    const ten = await statements();
    await addFamilies(30, caseworker);
    const forty = await statements();
    // The data did grow: 30 more cases and proposals counted.
    expect(forty.data.c.opened.total.value - ten.data.c.opened.total.value).toBe(30);
    expect(forty.data.b.granted.total.value - ten.data.b.granted.total.value).toBe(30);
    console.log(
      `SQL statements per subgraph — 10 families: ${JSON.stringify(ten.counts)}; 40: ${JSON.stringify(forty.counts)}`,
    );
    expect(forty.counts).toEqual(ten.counts);
    // One statement per table: cases 6 (opened, closed, open at the end, the green-channel split, sent, answered),
    // programmes 4 (granted, caps, filings, and the standards households asks it for), households 1; organisations
    // answers the session check, whether the division exists (once per statistics field), the calendar of the
    // median, and the names of the organisations and divisions in the cells.
    expect(ten.counts).toMatchObject({ cases: 6, programmes: 4, households: 1 });
  });
});
