import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countQueries } from '@doudi/shared';
import { startTestSubgraph } from '@doudi/shared/testing';
import { households } from '../index.js';

let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
beforeAll(async () => {
  subgraph = await startTestSubgraph(households);
});
afterAll(() => subgraph?.stop());

const CREATE = `mutation($input: CreateHouseholdInput!) { createHousehold(input: $input) { household { id members { nodes { id } } } } }`;
const RECORD = `mutation($input: RecordHouseholdIncomeInput!) { recordHouseholdIncome(input: $input) { incomes { id amount } household { perCapitaMonthlyIncome(month: "2025-10") } } }`;
const member = (name: string, relationshipToHead: string) => ({ name, sex: 'FEMALE', relationshipToHead });

async function family(code: string, size: number) {
  const members = Array.from({ length: size }, (_, i) => member(`成员${i + 1}`, i ? 'CHILD' : 'SELF'));
  const created = await subgraph.query(CREATE, { input: { jurisdictionCode: code, members } });
  const household = created.data!.createHousehold.household;
  return { id: household.id as string, memberIds: household.members.nodes.map((m: { id: string }) => m.id) };
}

describe('income, assets and consent on Household', () => {
  it('answers the per-capita monthly income a dibao check reads, in yuan', async () => {
    const { id } = await family('141023100201', 4);
    const recorded = await subgraph.query(RECORD, {
      input: {
        householdId: id,
        month: '2025-10',
        source: '核对平台',
        amounts: [
          { category: 'WAGES', amount: '2000' },
          { category: 'TRANSFER', amount: '130.5' },
        ],
      },
    });
    expect(recorded.errors).toBeUndefined();
    expect(recorded.data!.recordHouseholdIncome).toMatchObject({
      incomes: [{ amount: '2000.00' }, { amount: '130.50' }],
      household: { perCapitaMonthlyIncome: '532.62' },
    });
  });

  it('reads income, assets and consents of many households without a query per household', async () => {
    const code = '141023100202';
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const { id, memberIds } = await family(code, 2);
      ids.push(id);
      await subgraph.query(RECORD, {
        input: {
          householdId: id,
          month: '2025-10',
          source: '申请人申报',
          amounts: [{ category: 'WAGES', amount: `${1000 + i}` }],
        },
      });
      await subgraph.query(
        `mutation($input: RecordHouseholdAssetInput!) { recordHouseholdAsset(input: $input) { asset { id } } }`,
        {
          input: {
            householdId: id,
            kind: 'DEPOSIT',
            description: '定期存款',
            value: '5000',
            assessedOn: '2025-09-30',
            source: '核对平台',
          },
        },
      );
      await subgraph.query(
        `mutation($input: RecordConsentInput!) { recordConsent(input: $input) { consent { id } } }`,
        {
          input: { householdId: id, personId: memberIds[1], purpose: 'PUBLICITY', scope: '同意公示' },
        },
      );
    }
    const LIST = `query($first: Int) { households(first: $first, filter: { jurisdictionCode: "${code}" }) { nodes {
      id incomes(fromMonth: "2025-01", toMonth: "2025-12") { month category amount source }
      perCapitaMonthlyIncome(month: "2025-10") averagePerCapitaMonthlyIncome(toMonth: "2025-12")
      assets { kind value assessedOn } consents { purpose person { name } withdrawnAt } hasConsent(purpose: PUBLICITY)
    } } }`;
    const queries = countQueries(subgraph.orm);
    const two = await subgraph.query(LIST, { first: 2 });
    const forTwo = queries.count;
    queries.reset();
    const four = await subgraph.query(LIST, { first: 4 });
    const forFour = queries.count;
    queries.stop();

    expect(two.errors).toBeUndefined();
    expect(forFour).toBe(forTwo);
    expect(four.data!.households.nodes[3]).toEqual({
      id: ids[3],
      incomes: [{ month: '2025-10', category: 'WAGES', amount: '1003.00', source: '申请人申报' }],
      perCapitaMonthlyIncome: '501.50',
      averagePerCapitaMonthlyIncome: '501.50',
      assets: [{ kind: 'DEPOSIT', value: '5000.00', assessedOn: '2025-09-30' }],
      consents: [{ purpose: 'PUBLICITY', person: { name: '成员2' }, withdrawnAt: null }],
      hasConsent: true,
    });
  });

  it('refuses a malformed month argument with BAD_USER_INPUT', async () => {
    const { id } = await family('141023100201', 1);
    const result = await subgraph.query(
      `query($id: ID!) { household(id: $id) { perCapitaMonthlyIncome(month: "2025-13") } }`,
      {
        id,
      },
    );
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'month' });
  });
});
