import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '@doudi/shared';
import { startTestSubgraph } from '@doudi/shared/testing';
import { programmes } from '../index.js';

let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
beforeAll(async () => {
  subgraph = await startTestSubgraph(programmes);
});
afterAll(() => subgraph?.stop());

const SET = `mutation($input: SetLocalStandardInput!) { setLocalStandard(input: $input) { standard { version } } }`;
const READ = `query($code: ID!, $year: Int!) { localStandard(jurisdictionCode: $code, year: $year) {
  publishedBy { code } dibaoUrbanMonthly dibaoRuralMonthly tekunMonthly lowIncomeMultiplier lowIncomeRuralMonthly } }`;
const countyAdmin = (code: string): Principal => ({
  kind: 'STAFF',
  id: '019a0000-0000-7000-8000-0000000000c1',
  organisationId: null,
  jurisdictionCode: code,
  roles: ['JURISDICTION_ADMIN'],
  scopes: [],
});

describe('local standards (临社救办发〔2015〕3号 二(一): set and published by the city)', () => {
  it('are inherited by a county from its city, with the low-income bound at 1.5 × the line (河鱼府发【2021】39号 一)', async () => {
    const set = await subgraph.query(SET, {
      input: {
        jurisdictionCode: '141000000000',
        year: 2026,
        dibaoUrbanMonthly: '720.00',
        dibaoRuralMonthly: '560.50',
        tekunMonthly: '729.00',
        publishedIn: '临汾市城乡低保标准通知（示例）',
      },
    });
    expect(set.errors).toBeUndefined();
    const county = await subgraph.query(READ, { code: '141023100000', year: 2026 });
    expect(county.data!.localStandard).toEqual({
      publishedBy: { code: '141000000000' },
      dibaoUrbanMonthly: '720.00',
      dibaoRuralMonthly: '560.50',
      tekunMonthly: '729.00',
      lowIncomeMultiplier: '1.50',
      lowIncomeRuralMonthly: '840.75',
    });
    expect((await subgraph.query(READ, { code: '141023000000', year: 2025 })).data!.localStandard).toBeNull();
  });

  it('let a county that publishes its own override the city, and correct them only with the version read', async () => {
    const first = await subgraph.query(SET, {
      input: { jurisdictionCode: '141023000000', year: 2026, dibaoUrbanMonthly: '730', dibaoRuralMonthly: '570' },
    });
    expect(first.data!.setLocalStandard.standard.version).toBe(1);
    expect((await subgraph.query(READ, { code: '141023100000', year: 2026 })).data!.localStandard.publishedBy).toEqual({
      code: '141023000000',
    });
    const blind = await subgraph.query(SET, {
      input: { jurisdictionCode: '141023000000', year: 2026, dibaoUrbanMonthly: '740', dibaoRuralMonthly: '580' },
    });
    expect(blind.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'input.version', currentVersion: 1 });
    const corrected = await subgraph.query(SET, {
      input: {
        jurisdictionCode: '141023000000',
        year: 2026,
        dibaoUrbanMonthly: '740',
        dibaoRuralMonthly: '580',
        version: 1,
      },
    });
    expect(corrected.data!.setLocalStandard.standard.version).toBe(2);
  });

  it('refuse bad amounts and multipliers, and another county’s administrator', async () => {
    const bad = await subgraph.query(SET, {
      input: { jurisdictionCode: '350582000000', year: 2026, dibaoUrbanMonthly: '12.345', dibaoRuralMonthly: '500' },
    });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.dibaoUrbanMonthly' });
    const multiplier = await subgraph.query(SET, {
      input: {
        jurisdictionCode: '350582000000',
        year: 2026,
        dibaoUrbanMonthly: '800',
        dibaoRuralMonthly: '700',
        lowIncomeMultiplier: '5',
      },
    });
    expect(multiplier.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.lowIncomeMultiplier',
    });
    const elsewhere = await subgraph.query(
      SET,
      { input: { jurisdictionCode: '350582000000', year: 2026, dibaoUrbanMonthly: '800', dibaoRuralMonthly: '700' } },
      countyAdmin('141023000000'),
    );
    expect(elsewhere.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
