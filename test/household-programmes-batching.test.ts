import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as demo from '@doudi/shared/demo';
import { startSystem, type System } from './support/system.js';

/**
 * The fields programmes adds to households — `benefits` and `eligibility` (a CEL screening per programme) —
 * cost the same SQL statements per subgraph for a page of 10 households as for 50: benefits, programmes,
 * versions and standards go through per-request loaders, and the household facts are read in one batch.
 */
let system: System;
const HOUSEHOLDS = 50;

beforeAll(async () => {
  system = await startSystem({ demoData: true });
  for (let batch = 0; batch < HOUSEHOLDS; batch += 10) {
    const created = await system.query(
      `mutation { ${Array.from(
        { length: 10 },
        (_, i) => `h${i}: createHousehold(input: { jurisdictionCode: "141023100000", hukouType: RURAL, members: [
        { name: "户主${batch + i}", sex: FEMALE, birthDate: "1970-01-0${(i % 9) + 1}", relationshipToHead: SELF },
        { name: "子女${batch + i}", sex: MALE, birthDate: "2015-05-0${(i % 9) + 1}", relationshipToHead: CHILD }] }) { household { id } }`,
      ).join('\n')} }`,
    );
    expect(created.errors).toBeUndefined();
    const ids = Object.values(created.data!).map((h: any) => h.household.id as string);
    const granted = await system.query(
      `mutation { ${ids
        .map(
          (id, i) =>
            `g${i}: grantBenefit(input: { programmeId: "${demo.programmes[5].id}", householdId: "${id}", amount: "300", grantedOn: "2026-10-09" }) { benefit { id } }`,
        )
        .join('\n')} }`,
    );
    expect(granted.errors).toBeUndefined();
  }
});
afterAll(() => system?.stop());

const LIST = `query($first: Int!) { households(first: $first, filter: { jurisdictionCode: "141023100000" }) { nodes {
  id benefits { amount status programme { name } } eligibility(on: "2026-10-09") { programme { name } outcome missing } } } }`;

/** Eligibility today: the households were registered today, so households' facts projection has them. */
const TODAY = LIST.replace('eligibility(on: "2026-10-09")', 'eligibility');

async function statementsFor(first: number, list = LIST, token?: string) {
  const counters = system.countQueries();
  type Page = { households: { nodes: { benefits: unknown[]; eligibility: unknown[] }[] } };
  const result = token ? await system.queryAs<Page>(token, list, { first }) : await system.query<Page>(list, { first });
  for (const c of Object.values(counters)) c.stop();
  expect(result.errors).toBeUndefined();
  const nodes = result.data!.households.nodes;
  expect(nodes).toHaveLength(first);
  expect(nodes.every((h) => h.eligibility.length > 0)).toBe(true);
  // The demo family of 新城镇 comes first and has no benefit; every household made here has one.
  expect(nodes.filter((h) => h.benefits.length === 1)).toHaveLength(first - 1);
  return Object.fromEntries(Object.entries(counters).map(([name, c]) => [name, c.count]));
}

describe('a page of households with their benefits and eligibility', () => {
  it('costs the same SQL statements per subgraph for 10 households as for 50', async () => {
    const ten = await statementsFor(10);
    const fifty = await statementsFor(HOUSEHOLDS);
    console.log(`SQL statements per subgraph — 10 households: ${JSON.stringify(ten)}; 50: ${JSON.stringify(fifty)}`);
    expect(fifty).toEqual(ten);
  });

  it('reads the facts for today’s eligibility in one statement of households’ projection, not a GraphQL page', async () => {
    // The county's administrator: the projection answers for one jurisdiction's subtree.
    const county = await system.signIn('xiangfen.admin', demo.DEMO_PASSWORD);
    const ten = await statementsFor(10, TODAY, county);
    const fifty = await statementsFor(HOUSEHOLDS, TODAY, county);
    const asCaller = await statementsFor(HOUSEHOLDS, LIST, county);
    console.log(`today — 10 households: ${JSON.stringify(ten)}; 50: ${JSON.stringify(fifty)}`);
    expect(fifty).toEqual(ten);
    // The page's own statements only: the projection's one statement runs through its cursor on a connection of its own.
    expect(fifty.households).toBeLessThan(asCaller.households);
  });
});
