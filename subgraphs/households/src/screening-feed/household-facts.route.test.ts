import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  deliverySigner,
  internalRouteUrl,
  postSigned,
  shanghaiDate,
  type HouseholdFactsLine,
  type HouseholdFactsRequest,
} from '@doudi/shared';
import { startTestSubgraph, testKeys } from '@doudi/shared/testing';
import { households } from '../index.js';

let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
beforeAll(async () => {
  subgraph = await startTestSubgraph(households);
});
afterAll(() => subgraph?.stop());

const CREATE = `mutation($input: CreateHouseholdInput!) { createHousehold(input: $input) { household { id } } }`;
const RECORD = `mutation($input: RecordHouseholdIncomeInput!) { recordHouseholdIncome(input: $input) { incomes { id } } }`;

// Households are in force from their registration: the feed is read for today.
const today = shanghaiDate();
const monthBefore = (n: number) => {
  const index = Number(today.slice(0, 4)) * 12 + Number(today.slice(5, 7)) - 1 - n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
};

async function register(input: Record<string, unknown>): Promise<string> {
  const created = await subgraph.query(CREATE, { input });
  expect(created.errors).toBeUndefined();
  return created.data!.createHousehold.household.id as string;
}

async function feed(request: HouseholdFactsRequest, as: 'programmes' | 'cases' = 'programmes') {
  const signer = await deliverySigner((await testKeys()).service, as);
  const url = internalRouteUrl(subgraph.url, '/internal/household-facts');
  const response = await postSigned(signer, 'households', url, request, 10_000);
  const text = await response.text();
  const lines =
    response.status === 200
      ? text
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as HouseholdFactsLine)
      : [];
  return { status: response.status, lines, text };
}

describe('the household-facts feed (临社救办发〔2015〕3号 二(一) 应保尽保: every household screened)', () => {
  let here: string[];
  let relocated: string;
  beforeAll(async () => {
    here = [];
    for (let i = 0; i < 3; i++) {
      here.push(
        await register({
          jurisdictionCode: '141023100201',
          hukouType: 'RURAL',
          members: [
            { name: '户主', sex: 'MALE', relationshipToHead: 'SELF', birthDate: '1950-03-01', seriousIllness: i === 0 },
            {
              name: '孩子',
              sex: 'FEMALE',
              relationshipToHead: 'CHILD',
              hasDisabilityCertificate: true,
              disabilityGrade: 2,
              disabilityCategory: 'PHYSICAL',
            },
          ],
        }),
      );
    }
    // Registered in another county, living in this one (河鱼府发【2021】39号 二(二): the residence discovers).
    relocated = await register({
      jurisdictionCode: '141024100201',
      residenceJurisdictionCode: '141023100202',
      members: [{ name: '迁居户主', sex: 'FEMALE', relationshipToHead: 'SELF' }],
    });
    await register({
      jurisdictionCode: '141024100202',
      members: [{ name: '外县', sex: 'MALE', relationshipToHead: 'SELF' }],
    });
    for (const [month, amount] of [
      [monthBefore(2), '900'],
      [monthBefore(1), '700'],
      [monthBefore(0), '5000'],
    ]) {
      const recorded = await subgraph.query(RECORD, {
        input: { householdId: here[0], month, source: '核对平台', amounts: [{ category: 'WAGES', amount }] },
      });
      expect(recorded.errors).toBeUndefined();
    }
  });

  it('streams every household registered or living in the county, one line each, ordered by id', async () => {
    const { status, lines } = await feed({ jurisdictionCode: '141023000000', date: '2099-11-15' });
    expect(status).toBe(200);
    const ids = lines.map((l) => l.id);
    expect(ids).toEqual([...here, relocated].sort());
    expect(lines.find((l) => l.id === relocated)).toMatchObject({
      hukouCode: '141024100201',
      residenceCode: '141023100202',
      incomeFen: null,
    });
  });

  it('gives the facts the rules read: health facts, and income averaged over the 12 months before the month', async () => {
    const { lines } = await feed({ jurisdictionCode: '141023100201', date: today });
    const first = lines.find((l) => l.id === here[0])!;
    // The two months before count, the screening's own month does not: (900 + 700) / 2 months / 2 members.
    expect(first).toMatchObject({ hukouType: 'RURAL', incomeFen: 40_000, assetsFen: 0, ableObligor: false });
    expect(first.members).toHaveLength(2);
    expect(first.members.find((m) => m.relationship === 'SELF')).toMatchObject({
      birthDate: '1950-03-01',
      seriousIllness: true,
    });
    expect(first.members.find((m) => m.relationship === 'CHILD')).toMatchObject({ disabled: true, disabilityGrade: 2 });
  });

  it('streams only the households named after a push, and none registered after the date', async () => {
    const named = await feed({
      jurisdictionCode: '141023000000',
      date: '2099-01-01',
      householdIds: [here[2], relocated],
    });
    expect(named.lines.map((l) => l.id)).toEqual([here[2], relocated].sort());
    const before = await feed({ jurisdictionCode: '141023000000', date: '2020-01-01' });
    expect(before.lines).toEqual([]);
  });

  it('answers only programmes, and refuses a malformed request', async () => {
    expect((await feed({ jurisdictionCode: '141023000000', date: '2099-01-01' }, 'cases')).status).toBe(401);
    expect((await feed({ jurisdictionCode: '1410', date: '2099-01-01' })).status).toBe(400);
    expect((await feed({ jurisdictionCode: '141023000000', date: '2099-01-01', householdIds: ['x'] })).status).toBe(
      400,
    );
  });
});
