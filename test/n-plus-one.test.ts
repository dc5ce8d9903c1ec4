import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type System } from './support/system.js';

/**
 * docs/architecture.md, Notes on the stack / issue 2 point 8: a federated list costs the same number of SQL statements in every subgraph
 * whatever the page size, because every reference and list field is batched per request.
 */
let system: System;
const CASES = 50;

beforeAll(async () => {
  system = await startSystem({ demoData: true });
  const orgs = await system.query<{ organisations: { nodes: { id: string }[] } }>(
    `{ organisations(first: 6) { nodes { id } } }`,
  );
  const ids = orgs.data!.organisations.nodes.map((o) => o.id);
  for (let batch = 0; batch < CASES; batch += 10) {
    const households = await system.query(
      `mutation { ${Array.from(
        { length: 10 },
        (_, i) => `h${i}: createHousehold(input: { jurisdictionCode: "141023000000", members: [
        { name: "户主${batch + i}", sex: FEMALE, relationshipToHead: SELF }, { name: "子女${batch + i}", sex: MALE, relationshipToHead: CHILD }] }) { household { id } }`,
      ).join('\n')} }`,
    );
    const householdIds = Object.values(households.data!).map((h: any) => h.household.id);
    const cases = await system.query(
      `mutation { ${householdIds.map((id, i) => `c${i}: openCase(input: { householdId: "${id}", channel: HOTLINE, summary: "求助${batch + i}", jurisdictionCode: "141023000000", leadOrganisationId: "${ids[i % ids.length]}" }) { case { id } }`).join('\n')} }`,
    );
    const caseIds = Object.values(cases.data!).map((c: any) => c.case.id);
    const referrals = await system.query(
      `mutation { ${caseIds
        .flatMap((id, i) =>
          [1, 2].map(
            (k) =>
              `r${i}_${k}: createReferral(input: { caseId: "${id}", fromOrganisationId: "${ids[i % ids.length]}", toOrganisationId: "${ids[(i + k) % ids.length]}", kind: SOCIAL_ASSISTANCE }) { referral { id } }`,
          ),
        )
        .join('\n')} }`,
    );
    expect(referrals.errors).toBeUndefined();
  }
});
afterAll(() => system?.stop());

const LIST = `query($first: Int!) { cases(first: $first) { nodes { id leadOrganisation { name }
  household { id jurisdiction { name } members { nodes { name } } }
  referrals { nodes { fromOrganisation { name } toOrganisation { name } } } } } }`;

async function statementsFor(first: number) {
  const counters = system.countQueries();
  const result = await system.query<{ cases: { nodes: unknown[] } }>(LIST, { first });
  for (const c of Object.values(counters)) c.stop();
  expect(result.errors).toBeUndefined();
  expect(result.data!.cases.nodes).toHaveLength(first);
  return Object.fromEntries(Object.entries(counters).map(([name, c]) => [name, c.count]));
}

describe('a page of cases with households, members and referral organisations', () => {
  it('costs the same SQL statements per subgraph for 10 cases as for 50', async () => {
    const ten = await statementsFor(10);
    const fifty = await statementsFor(50);
    console.log(`SQL statements per subgraph — 10 cases: ${JSON.stringify(ten)}; 50 cases: ${JSON.stringify(fifty)}`);
    expect(fifty).toEqual(ten);
    // cases: page and referrals (the query asks for no totalCount, so nothing counts every page). households:
    // households, members. organisations: the gateway's check
    // that the token's session is open, then one batch per fetch the query plan makes (lead organisation,
    // referral senders, receivers, household jurisdictions).
    expect(ten).toEqual({ cases: 2, households: 2, organisations: 5, programmes: 0 });
  });
});
