import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@doudi/shared';
import { startSystem, type System } from './support/system.js';

/**
 * Issue 11 item 1: the time limits moved from programmes to cases. A setting a county made while programmes kept
 * them (its `deadline_setting` table, left there by the older release) is in force after the move: cases copies
 * it at start through programmes' service-signed route, once, and answers `deadlines` and counts due dates by it.
 */
let system: System;
const COUNTY = '141023000000';
const TOWNSHIP = '141023100000';

beforeAll(async () => {
  system = await startSystem({
    beforeStart: {
      // What the older release left in programmes: 襄汾县 had shortened the push of referrals to 5 working days.
      cases: async (started) => {
        await started
          .programmes!.orm.em.fork()
          .getConnection()
          .execute(
            `insert into "programmes"."deadline_setting"
               (id, version, created_at, updated_at, jurisdiction_code, rule, amount, reason)
             values (?, 1, '2026-06-01T00:00:00Z', '2026-06-01T00:00:00Z', ?, 'DEATH_CASE_REFERRALS', 5, '县联席会议决定')`,
            [newId(), COUNTY],
          );
      },
    },
  });
});
afterAll(() => system?.stop());

const READ = `query($code: ID!) { deadlines(jurisdictionCode: $code) { rule amount unit setBy defaultAmount } }`;

describe('time limits set before they moved to cases', () => {
  it('are in force after the move, for the county and the townships below it', async () => {
    for (const code of [COUNTY, TOWNSHIP]) {
      const { data, errors } = await system.query(READ, { code });
      expect(errors).toBeUndefined();
      expect(data!.deadlines.find((d: { rule: string }) => d.rule === 'DEATH_CASE_REFERRALS')).toEqual({
        rule: 'DEATH_CASE_REFERRALS',
        amount: 5,
        unit: 'WORKING_DAYS',
        setBy: COUNTY,
        defaultAmount: 7,
      });
    }
  });

  it('are copied once: asking again copies nothing, and a change made since stays', async () => {
    const { importDeadlineSettings } = await import('../subgraphs/cases/src/deadline/deadline.import.js');
    const set = await system.query(`mutation($input: SetDeadlineInput!) { setDeadline(input: $input) { rule } }`, {
      input: { jurisdictionCode: COUNTY, rule: 'DEATH_CASE_REFERRALS', amount: 6 },
    });
    expect(set.errors).toBeUndefined();
    let asked = 0;
    const copied = await importDeadlineSettings(system.subgraphs.cases.orm, async () => {
      asked++;
      return [];
    });
    expect({ copied, asked }).toEqual({ copied: null, asked: 0 });
    const { data } = await system.query(READ, { code: TOWNSHIP });
    expect(data!.deadlines.find((d: { rule: string }) => d.rule === 'DEATH_CASE_REFERRALS').amount).toBe(6);
  });
});
