import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '@doudi/shared';
import { createWorkingDayCalendar } from '../../../organisations/src/calendar/working-days.js';
import * as demo from '@doudi/shared/demo';
import {
  CASE,
  REFERRAL,
  clientOf,
  ok,
  people,
  startCasesWithNeighbours,
  mutation,
  taskOf,
  type Neighbourhood,
} from '../test-support.js';
import { openDeadlines } from './deadline.open.js';

/**
 * Due dates counted as the jurisdiction counts them: its time limits (kept here), its working-day calendar in
 * organisations. 2026: Mid-autumn rest 25–27 Sept, National Day rest 1–7 Oct, make-up working days Sun 20 Sept
 * and Sat 10 Oct.
 */
let n: Neighbourhood;
const { xiangfenPolice, xiangfenCivilAffairs, zhoucunCivilAffairs } = demo.organisations;
const family = demo.households[0].id;

beforeAll(async () => {
  n = await startCasesWithNeighbours();
});
afterAll(() => n?.stop());

async function openDeathCase(receivedOn: string, principal = people.police) {
  const opened = await n.query(
    mutation('openCase', `case { ${CASE} }`),
    {
      input: {
        channel: 'NON_NATURAL_DEATH',
        householdId: family,
        jurisdictionCode: '141023000000',
        leadOrganisationId: xiangfenPolice.id,
        summary: '户主交通事故死亡',
        receivedOn,
      },
    },
    principal,
  );
  return ok(opened).openCase.case;
}

async function refer(caseId: string, extra: Record<string, unknown>) {
  const sent = await n.query(
    mutation('createReferral', `referral { ${REFERRAL} }`),
    {
      input: {
        caseId,
        fromOrganisationId: xiangfenPolice.id,
        toOrganisationId: xiangfenCivilAffairs.id,
        kind: 'SOCIAL_ASSISTANCE',
        ...extra,
      },
    },
    people.police,
  );
  return ok(sent).createReferral.referral;
}

describe('due dates', () => {
  it('give a visit letter received on Wed 30 Sept 2026 until Sat 10 Oct, the make-up working day after National Day', async () => {
    const opened = await openDeathCase('2026-09-30');
    expect(taskOf(opened, 'VISIT')).toMatchObject({
      status: 'OPEN',
      dueDate: '2026-10-10',
      dueRule: 'DEATH_CASE_VISIT',
      dueDateWarning: null,
      organisation: { id: xiangfenPolice.id },
    });
  });

  it('give an agency one calendar month to answer in writing, ending at the end of a shorter month', async () => {
    const { id } = await openDeathCase('2026-01-30');
    expect(await refer(id, { sentOn: '2026-01-31' })).toMatchObject({
      dueDate: '2026-02-28',
      dueRule: 'AGENCY_WRITTEN_ANSWER',
    });
    expect(
      await refer(id, { sentOn: '2026-10-20', toOrganisationId: demo.organisations.xiangfenEducation.id }),
    ).toMatchObject({ dueDate: '2026-11-20' });
  });

  it('follow the county’s own time limit once it sets one (周政办字〔2017〕70号 leaves it to each county)', async () => {
    const admin = n.query;
    ok(
      await admin(`mutation($input: SetDeadlineInput!) { setDeadline(input: $input) { rule amount } }`, {
        input: {
          jurisdictionCode: '370306000000',
          rule: 'WINDOW_TRANSFER',
          amount: 2,
          reason: '周村区：2个工作日内转办',
        },
      }),
    );
    const opened = await n.query(
      mutation('openCase', `case { ${CASE} }`),
      {
        input: {
          channel: 'WINDOW_APPLICATION',
          householdId: family,
          jurisdictionCode: '370306000000',
          leadOrganisationId: zhoucunCivilAffairs.id,
          summary: '家中失火，申请临时救助',
          receivedOn: '2026-09-30',
        },
      },
      people.zhoucunCivilAffairs,
    );
    // 30 Sept + 2 working days: 8 and 9 Oct.
    expect(taskOf(ok(opened).openCase.case, 'TRANSFER')).toMatchObject({
      dueDate: '2026-10-09',
      dueRule: 'WINDOW_TRANSFER',
    });
  });

  it('fall back to the seed’s figure, and say so, for an agency app that may not read the county’s settings', async () => {
    const app = clientOf(xiangfenPolice.id, '141023000000', [
      'jurisdictions:read',
      'organisations:read',
      'households:read',
      'cases:read',
      'cases:write',
    ]);
    const opened = await openDeathCase('2026-09-30', app);
    expect(taskOf(opened, 'VISIT')).toMatchObject({
      dueDate: '2026-10-10',
      dueDateWarning: expect.stringContaining('seed’s figure'),
    });
  });

  it('warn that a due date counted into a year without a published holiday schedule may be wrong', async () => {
    const { heyuTownship, chengkouCivilAffairs } = demo.organisations;
    ok(
      await n.query(`mutation($input: SetDeadlineInput!) { setDeadline(input: $input) { rule } }`, {
        input: { jurisdictionCode: '500229000000', rule: 'WINDOW_CONCLUDE', amount: 60 },
      }),
    );
    const opened = await n.query(
      mutation('openCase', 'case { id }'),
      {
        input: {
          channel: 'DATA_COMPARISON',
          householdId: demo.households[2].id,
          jurisdictionCode: '500229218000',
          leadOrganisationId: heyuTownship.id,
          summary: '比对发现：慢性病，独居',
          receivedOn: '2026-11-20',
        },
      },
      people.heyuCaseworker,
    );
    const sent = await n.query(
      mutation('createReferral', `referral { ${REFERRAL} }`),
      {
        input: {
          caseId: ok(opened).openCase.case.id,
          fromOrganisationId: heyuTownship.id,
          toOrganisationId: chengkouCivilAffairs.id,
          kind: 'SOCIAL_ASSISTANCE',
          sentOn: '2026-11-20',
        },
      },
      people.heyuCaseworker,
    );
    // 60 working days from 20 Nov 2026 reach into 2027, whose holidays the State Council has not published yet.
    expect(ok(sent).createReferral.referral).toMatchObject({
      dueRule: 'WINDOW_CONCLUDE',
      dueDate: expect.stringMatching(/^2027-/),
      dueDateWarning: expect.stringMatching(/2027/),
    });
  });
});

describe('overdue and at risk', () => {
  const calendar = createWorkingDayCalendar();
  const today = shanghaiDate();
  const nextWorkingDay = calendar.addWorkingDays(today, 1).date;
  const dayAfter = calendar.addWorkingDays(nextWorkingDay, 1).date;

  it('mark a referral overdue once its due date has passed, and no longer once answered', async () => {
    const { id } = await openDeathCase('2026-09-30');
    const late = await refer(id, { sentOn: '2026-10-20' });
    expect(late).toMatchObject({ dueDate: '2026-11-20', overdue: today > '2026-11-20', atRisk: false });
    const answered = await n.query(
      mutation('answerReferral', `referral { ${REFERRAL} }`),
      { input: { referralId: late.id, version: late.version, measuresTaken: ['临时救助'] } },
      people.civilAffairs,
    );
    expect(ok(answered).answerReferral.referral).toMatchObject({ status: 'ANSWERED', overdue: false });
  });

  it('mark a referral at risk when it is due today or by the next working day, not after', async () => {
    const { id } = await openDeathCase(today);
    expect(await refer(id, { dueDate: today })).toMatchObject({ overdue: false, atRisk: true });
    expect(await refer(id, { dueDate: nextWorkingDay })).toMatchObject({ atRisk: true });
    expect(await refer(id, { dueDate: dayAfter })).toMatchObject({ atRisk: false, overdue: false });
  });

  it('list every open step with a due date for the reminder job, overdue ones marked', async () => {
    const { id } = await openDeathCase('2026-09-30');
    const all = await openDeadlines(n.cases.orm.em.fork(), '2026-10-12');
    const mine = all.filter((d) => d.caseId === id);
    expect(mine).toEqual([
      {
        kind: 'TASK',
        id: expect.any(String),
        caseId: id,
        organisationId: xiangfenPolice.id,
        jurisdictionCode: '141023000000',
        dueDate: '2026-10-10',
        overdue: true,
      },
    ]);
    expect(all.map((d) => d.dueDate)).toEqual([...all.map((d) => d.dueDate)].sort());
  });
});
