import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openOrm, provisionSubgraph, type MikroORM, type Principal } from '@doudi/shared';
import { createTestDatabase, type TestDatabase, thrown } from '@doudi/shared/testing';
import { households } from '../index.js';
import { Household } from '../household/household.entity.js';
import { Person, RelationshipToHead, Sex } from '../person/person.entity.js';
import { IncomeCategory, AssetKind, HouseholdIncome, HouseholdAsset } from './index.js';
import {
  averagePerCapitaMonthlyIncome,
  listHouseholdIncomes,
  perCapitaMonthlyIncome,
  recordHouseholdAsset,
  recordHouseholdIncome,
  removeHouseholdIncome,
} from './income.service.js';

let db: TestDatabase;
let orm: MikroORM;
beforeAll(async () => {
  db = await createTestDatabase();
  orm = await openOrm({
    subgraph: 'households',
    clientUrl: await provisionSubgraph(db.url, 'households'),
    entities: households.entities,
    migrations: households.migrations,
  });
  // Until the integrator writes the migration for these tables.
});
afterAll(async () => {
  await orm?.close();
  await db?.drop();
});

const caseworker: Principal = {
  kind: 'STAFF',
  id: '019a0000-0000-7000-8000-00000000c001',
  organisationId: '019a0000-0000-7000-8000-00000000e001',
  jurisdictionCode: '141023100000',
  roles: ['CASEWORKER'],
  scopes: [],
};

/** A household of `members` people in a village of 襄汾县's 新城镇 (or elsewhere). */
async function family(members = 3, jurisdictionCode = '141023100201') {
  const em = orm.em.fork();
  const household = Object.assign(new Household(), { jurisdictionCode });
  em.persist(household);
  for (let i = 0; i < members; i++) {
    em.persist(
      Object.assign(new Person(), {
        householdId: household.id,
        name: `成员${i + 1}`,
        sex: i % 2 ? Sex.MALE : Sex.FEMALE,
        relationshipToHead: i ? RelationshipToHead.CHILD : RelationshipToHead.SELF,
      }),
    );
  }
  await em.flush();
  return household.id;
}

const record = (householdId: string, month: string, amounts: [IncomeCategory, string][], source = '申请人申报') =>
  recordHouseholdIncome(orm.em.fork(), caseworker, {
    householdId,
    month,
    source,
    amounts: amounts.map(([category, amount]) => ({ category, amount })),
  });

describe('household income', () => {
  it('derives the per-capita monthly income a dibao check reads, rounded down to the fen', async () => {
    const id = await family(3);
    const { incomes } = await record(id, '2025-03', [
      [IncomeCategory.WAGES, '1000.00'],
      [IncomeCategory.AGRICULTURE, '0.01'],
    ]);
    expect(incomes.map((i) => [i.category, i.amount, i.recordedBy])).toEqual([
      ['WAGES', '1000.00', caseworker.id],
      ['AGRICULTURE', '0.01', caseworker.id],
    ]);
    // 1000.01 yuan among three people is 333.336…: the family is not credited with a fen it does not have.
    expect(await perCapitaMonthlyIncome(orm.em.fork(), caseworker, id, '2025-03')).toBe('333.33');
  });

  it('says nothing (null) about a month with no income recorded, but 0.00 for a month recorded as zero', async () => {
    const id = await family(2);
    await record(id, '2025-04', [[IncomeCategory.WAGES, '0']]);
    expect(await perCapitaMonthlyIncome(orm.em.fork(), caseworker, id, '2025-05')).toBeNull();
    expect(await perCapitaMonthlyIncome(orm.em.fork(), caseworker, id, '2025-04')).toBe('0.00');
  });

  it('corrects a heading recorded again from a better source instead of counting it twice, and keeps the earlier figure in the audit log', async () => {
    const id = await family(2);
    const first = await record(id, '2025-06', [[IncomeCategory.WAGES, '1200']], '申请人申报');
    const second = await record(id, '2025-06', [[IncomeCategory.WAGES, '1500.00']], '核对平台');
    expect(second.incomes[0].id).toBe(first.incomes[0].id);
    expect(second.incomes[0]).toMatchObject({ source: '核对平台', amount: '1500.00', version: 2 });
    expect(await perCapitaMonthlyIncome(orm.em.fork(), caseworker, id, '2025-06')).toBe('750.00');
    const [audit] = await orm.em
      .getConnection()
      .execute(`select action, actor_id, detail from households_audit.audit_event where entity_id = ?`, [
        first.incomes[0].id,
      ]);
    expect(audit).toMatchObject({
      action: 'CORRECT_INCOME',
      actor_id: caseworker.id,
      detail: { previous: { amount: '1200.00', source: '申请人申报' }, amount: '1500.00', source: '核对平台' },
    });
  });

  it('changes nothing when the same figures are recorded again (a safe retry)', async () => {
    const id = await family(1);
    const first = await record(id, '2025-07', [[IncomeCategory.TRANSFER, '300']]);
    const again = await record(id, '2025-07', [[IncomeCategory.TRANSFER, '300.00']]);
    expect(again.incomes[0]).toMatchObject({ id: first.incomes[0].id, version: 1 });
  });

  it('refuses to overwrite a figure someone else changed since it was read, with CONFLICT', async () => {
    const id = await family(1);
    await record(id, '2025-08', [[IncomeCategory.BUSINESS, '800']]);
    await record(id, '2025-08', [[IncomeCategory.BUSINESS, '900']], '村委会');
    const stale = recordHouseholdIncome(orm.em.fork(), caseworker, {
      householdId: id,
      month: '2025-08',
      source: '申请人申报',
      amounts: [{ category: IncomeCategory.BUSINESS, amount: '700', version: 1 }],
    });
    expect(await thrown(stale)).toMatchObject({ code: 'CONFLICT', field: 'input.amounts.0.version' });
  });

  it('averages the per-capita income over the last twelve months, leaving out months with nothing recorded', async () => {
    const id = await family(2);
    await record(id, '2024-12', [[IncomeCategory.WAGES, '9999']]); // thirteen months back: not counted
    await record(id, '2025-01', [[IncomeCategory.WAGES, '1000']]);
    await record(id, '2025-06', [
      [IncomeCategory.WAGES, '1000'],
      [IncomeCategory.PROPERTY, '0.03'],
    ]);
    await record(id, '2025-12', [[IncomeCategory.TRANSFER, '500']]);
    // (1000 + 1000.03 + 500) / 3 months / 2 people = 416.671…
    expect(await averagePerCapitaMonthlyIncome(orm.em.fork(), caseworker, id, '2025-12')).toBe('416.67');
    expect(await averagePerCapitaMonthlyIncome(orm.em.fork(), caseworker, id, '2025-12', 1)).toBe('250.00');
    expect(await averagePerCapitaMonthlyIncome(orm.em.fork(), caseworker, id, '2024-11')).toBeNull();
    expect(await thrown(averagePerCapitaMonthlyIncome(orm.em.fork(), caseworker, id, '2025-12', 0))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'months',
    });
  });

  it('refuses income for a month that has not yet begun in China', async () => {
    const id = await family(1);
    const lastEveningOfApril = new Date('2026-04-30T15:30:00Z'); // 23:30 in Asia/Shanghai
    const firstMorningOfMay = new Date('2026-04-30T16:30:00Z'); // 00:30 on 1 May in Asia/Shanghai
    const may = {
      householdId: id,
      month: '2026-05',
      source: '申请人申报',
      amounts: [{ category: IncomeCategory.WAGES, amount: '100' }],
    };
    expect(await thrown(recordHouseholdIncome(orm.em.fork(), caseworker, may, lastEveningOfApril))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.month',
    });
    await recordHouseholdIncome(orm.em.fork(), caseworker, may, firstMorningOfMay);
    expect(await thrown(record(id, `${new Date().getFullYear() + 1}-01`, [[IncomeCategory.WAGES, '1']]))).toMatchObject(
      { code: 'BAD_USER_INPUT', field: 'input.month' },
    );
  });

  it('refuses months that do not exist and amounts that are not yuan to the fen, naming the line', async () => {
    const id = await family(1);
    for (const month of ['2025-13', '2025-1', '2025/01', '1999-12'])
      expect(await thrown(record(id, month, [[IncomeCategory.WAGES, '1']]))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.month',
      });
    expect(
      await thrown(
        record(id, '2025-02', [
          [IncomeCategory.WAGES, '1'],
          [IncomeCategory.OTHER, '12.345'],
        ]),
      ),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.amounts.1.amount' });
    expect(await thrown(record(id, '2025-02', [[IncomeCategory.WAGES, '-5']]))).toMatchObject({
      field: 'input.amounts.0.amount',
    });
    expect(
      await thrown(
        record(id, '2025-02', [
          [IncomeCategory.WAGES, '1'],
          [IncomeCategory.WAGES, '2'],
        ]),
      ),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.amounts.1.category' });
    expect(await thrown(record(id, '2025-02', []))).toMatchObject({ field: 'input.amounts' });
    expect(await listHouseholdIncomes(orm.em.fork(), caseworker, id)).toEqual([]);
  });

  it("refuses a caseworker another county's household, for reading and writing, with FORBIDDEN", async () => {
    const elsewhere = await family(2, '141024100201');
    expect(await thrown(record(elsewhere, '2025-01', [[IncomeCategory.WAGES, '1']]))).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await thrown(perCapitaMonthlyIncome(orm.em.fork(), caseworker, elsewhere, '2025-01'))).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await orm.em.fork().count(HouseholdIncome, { householdId: elsewhere })).toBe(0);
  });

  it('removes a figure entered by mistake, once', async () => {
    const id = await family(1);
    const { incomes } = await record(id, '2025-09', [
      [IncomeCategory.WAGES, '100'],
      [IncomeCategory.OTHER, '50'],
    ]);
    const removed = await removeHouseholdIncome(orm.em.fork(), caseworker, { id: incomes[1].id, reason: '重复录入' });
    expect(removed.removedIncomeId).toBe(incomes[1].id);
    expect(await perCapitaMonthlyIncome(orm.em.fork(), caseworker, id, '2025-09')).toBe('100.00');
    expect(await thrown(removeHouseholdIncome(orm.em.fork(), caseworker, { id: incomes[1].id }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(
      (await listHouseholdIncomes(orm.em.fork(), caseworker, id, '2025-09', '2025-09')).map((i) => i.category),
    ).toEqual(['WAGES']);
  });
});

describe('household assets', () => {
  const asset = (householdId: string, extra: Record<string, unknown> = {}) =>
    recordHouseholdAsset(orm.em.fork(), caseworker, {
      householdId,
      kind: AssetKind.HOUSE,
      description: '城区商品房一套',
      value: '30000000.00',
      assessedOn: '2025-05-01',
      source: '核对平台',
      ...extra,
    });

  it('records a piece of property once per idempotencyKey, even worth more than an integer column holds in fen', async () => {
    const id = await family(1);
    const first = await asset(id, { idempotencyKey: 'asset-retry-0001' });
    const again = await asset(id, { idempotencyKey: 'asset-retry-0001' });
    expect(again.id).toBe(first.id);
    expect(again).toMatchObject({ value: '30000000.00', valueFen: 3_000_000_000, kind: 'HOUSE' });
    expect(await orm.em.fork().count(HouseholdAsset, { householdId: id })).toBe(1);
  });

  it('refuses a value assessed in the future or not in yuan', async () => {
    const id = await family(1);
    expect(await thrown(asset(id, { assessedOn: `${new Date().getFullYear() + 1}-01-01` }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.assessedOn',
    });
    expect(await thrown(asset(id, { value: '1.234' }))).toMatchObject({ field: 'input.value' });
  });
});
