import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '@doudi/shared';
import { startTestSubgraph } from '@doudi/shared/testing';
import { cases } from '../index.js';

let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
beforeAll(async () => {
  subgraph = await startTestSubgraph(cases);
});
afterAll(() => subgraph?.stop());

const READ = `query($code: ID!) { deadlines(jurisdictionCode: $code) { rule amount unit setBy defaultSource } }`;
const SET = `mutation($input: SetDeadlineInput!) { setDeadline(input: $input) { rule amount setBy } }`;
const rule = async (code: string, name: string) =>
  (
    await subgraph.query<{
      deadlines: { rule: string; amount: number; unit: string; setBy: string | null; defaultSource: string }[];
    }>(READ, { code })
  ).data!.deadlines.find((d) => d.rule === name)!;

describe('time limits', () => {
  it('default to the seed figures, with their source', async () => {
    expect(await rule('141023100000', 'DEATH_CASE_VISIT')).toEqual({
      rule: 'DEATH_CASE_VISIT',
      amount: 3,
      unit: 'WORKING_DAYS',
      setBy: null,
      defaultSource: '襄政办发〔2023〕26号 七(二): 派出所、村委会3个工作日内走访',
    });
    expect(await rule('350582000000', 'AGENCY_WRITTEN_ANSWER')).toMatchObject({ amount: 1, unit: 'CALENDAR_MONTHS' });
  });

  it('can be shortened by a county for itself and its townships, and returned to the default', async () => {
    await subgraph.query(SET, {
      input: { jurisdictionCode: '141023000000', rule: 'DEATH_CASE_REFERRALS', amount: 5, reason: '县联席会议决定' },
    });
    expect(await rule('141023100000', 'DEATH_CASE_REFERRALS')).toMatchObject({ amount: 5, setBy: '141023000000' });
    expect(await rule('350582000000', 'DEATH_CASE_REFERRALS')).toMatchObject({ amount: 7, setBy: null });
    await subgraph.query(SET, { input: { jurisdictionCode: '141023000000', rule: 'DEATH_CASE_REFERRALS' } });
    expect(await rule('141023100000', 'DEATH_CASE_REFERRALS')).toMatchObject({ amount: 7, setBy: null });
  });

  it('refuse a limit outside its unit’s range, and another county’s administrator', async () => {
    const tooLong = await subgraph.query(SET, {
      input: { jurisdictionCode: '141023000000', rule: 'DEATH_CASE_VISIT', amount: 90 },
    });
    expect(tooLong.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.amount' });
    const other: Principal = {
      kind: 'STAFF',
      id: '019a0000-0000-7000-8000-0000000000c2',
      organisationId: null,
      jurisdictionCode: '350582000000',
      roles: ['JURISDICTION_ADMIN'],
      scopes: [],
    };
    const elsewhere = await subgraph.query(
      SET,
      { input: { jurisdictionCode: '141023000000', rule: 'DEATH_CASE_VISIT', amount: 2 } },
      other,
    );
    expect(elsewhere.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
