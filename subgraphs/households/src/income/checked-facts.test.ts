import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboxMessage, shanghaiDate } from '@doudi/shared';
import { codeOf, errorOf, ok, startTestSubgraph } from '@doudi/shared/testing';
import { households } from '../index.js';

let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
beforeAll(async () => {
  subgraph = await startTestSubgraph(households);
});
afterAll(() => subgraph?.stop());

const CREATE = `mutation($input: CreateHouseholdInput!) { createHousehold(input: $input) { household { id } } }`;
const CHECKED = `mutation($input: RecordCheckedFactsInput!) { recordCheckedFacts(input: $input) {
  household { id incomes { month category amount source } assets { kind value assessedOn source } } } }`;
const today = shanghaiDate();
const lastMonth = (() => {
  const i = Number(today.slice(0, 4)) * 12 + Number(today.slice(5, 7)) - 2;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
})();

async function family(): Promise<string> {
  return ok(
    await subgraph.query(CREATE, {
      input: {
        jurisdictionCode: '141023100201',
        members: [
          { name: '户主', sex: 'MALE', relationshipToHead: 'SELF' },
          { name: '女儿', sex: 'FEMALE', relationshipToHead: 'CHILD' },
        ],
      },
    }),
  ).createHousehold.household.id;
}

describe('the answer of a household economic check (家庭经济状况核对, 临社救办发〔2015〕3号 二(一)、三(三))', () => {
  it('writes the checked income and property with the check as source and date, corrects a declared figure, keeps one history entry and tells programmes to screen again', async () => {
    const id = await family();
    ok(
      await subgraph.query(
        `mutation($input: RecordHouseholdIncomeInput!) { recordHouseholdIncome(input: $input) { incomes { id } } }`,
        {
          input: {
            householdId: id,
            month: lastMonth,
            source: '申请人申报',
            amounts: [{ category: 'WAGES', amount: '800' }],
          },
        },
      ),
    );
    const input = {
      householdId: id,
      checkedOn: today,
      source: '家庭经济状况核对',
      reference: 'check-1',
      incomes: [
        { month: lastMonth, category: 'WAGES', amount: '1500' },
        { month: lastMonth, category: 'TRANSFER', amount: '0' },
      ],
      assets: [{ kind: 'DEPOSIT', description: '农商行定期存款', value: '12000' }],
      idempotencyKey: 'economic-check-0001',
    };
    const written = ok(await subgraph.query(CHECKED, { input })).recordCheckedFacts;
    expect(written.household.incomes).toEqual([
      { month: lastMonth, category: 'TRANSFER', amount: '0.00', source: '家庭经济状况核对' },
      { month: lastMonth, category: 'WAGES', amount: '1500.00', source: '家庭经济状况核对' },
    ]);
    expect(written.household.assets).toEqual([
      { kind: 'DEPOSIT', value: '12000.00', assessedOn: today, source: '家庭经济状况核对' },
    ]);
    const history = ok(
      await subgraph.query(
        `query($id: ID!) { householdHistory(id: $id) { source asOf changedById changes { field from to } } }`,
        {
          id,
        },
      ),
    ).householdHistory;
    const entries = history.filter((h: { source: string }) => h.source === '家庭经济状况核对');
    expect(entries).toHaveLength(1);
    const [entry] = entries;
    expect(entry).toMatchObject({ source: '家庭经济状况核对', asOf: today });
    const income = entry.changes.find((c: { field: string }) => c.field === 'checkedIncome');
    expect(JSON.parse(income.from)).toContainEqual({ month: lastMonth, category: 'WAGES', amount: '800.00' });
    expect(JSON.parse(income.to)).toContainEqual({ month: lastMonth, category: 'WAGES', amount: '1500.00' });

    // A retry writes nothing more: one asset, one history entry, one event.
    const again = ok(await subgraph.query(CHECKED, { input })).recordCheckedFacts;
    expect(again.household.assets).toHaveLength(1);
    const historyAgain = ok(
      await subgraph.query(`query($id: ID!) { householdHistory(id: $id) { source } }`, { id }),
    ).householdHistory;
    expect(historyAgain.filter((h: { source: string }) => h.source === '家庭经济状况核对')).toHaveLength(1);
    const told = await subgraph.orm.em.fork().find(OutboxMessage, { type: 'household.facts.changed' });
    expect(told.filter((m) => (m.payload.householdIds as string[]).includes(id))).toHaveLength(1);
    const reused = await subgraph.query(CHECKED, { input: { ...input, assets: [] } });
    expect(codeOf(reused)).toBe('CONFLICT');
  });

  it('refuses a month after the check, an empty answer and a household out of reach, writing nothing', async () => {
    const id = await family();
    const future = await subgraph.query(CHECKED, {
      input: {
        householdId: id,
        checkedOn: `${lastMonth}-15`,
        source: '家庭经济状况核对',
        incomes: [{ month: today.slice(0, 7), category: 'WAGES', amount: '1' }],
        assets: [],
      },
    });
    expect(errorOf(future).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.incomes.0.month' });
    const empty = await subgraph.query(CHECKED, {
      input: { householdId: id, checkedOn: today, source: '核对', incomes: [], assets: [] },
    });
    expect(codeOf(empty)).toBe('BAD_USER_INPUT');
    const outside = await subgraph.query(
      CHECKED,
      {
        input: {
          householdId: id,
          checkedOn: today,
          source: '核对',
          incomes: [{ month: lastMonth, category: 'WAGES', amount: '1' }],
          assets: [],
        },
      },
      {
        kind: 'STAFF',
        id: '019a0000-0000-7000-8000-0000000000bb',
        organisationId: '019a0000-0000-7000-8000-0000000000cc',
        jurisdictionCode: '141024000000',
        roles: ['CASEWORKER'],
        scopes: [],
      },
    );
    expect(['FORBIDDEN', 'NOT_FOUND']).toContain(codeOf(outside));
    const read = ok(
      await subgraph.query(`query($id: ID!) { household(id: $id) { incomes { id } assets { id } } }`, { id }),
    );
    expect(read.household).toEqual({ incomes: [], assets: [] });
  });
});
