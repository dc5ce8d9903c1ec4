import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  deliverySigner,
  newId,
  OutboxMessage,
  shanghaiDate,
  type Principal,
  type Role,
} from '@doudi/shared';
import { deliverEvent, startTestSubgraph, testKeys } from '@doudi/shared/testing';
import * as demo from '@doudi/shared/demo';
import { programmes } from '../index.js';
import { organisations } from '../../../organisations/src/index.js';
import { Notification } from '../../../organisations/src/notification/notification.entity.js';
import { Programme } from '../programme/programme.entity.js';
import { ProgrammeKind } from '../programme/programme-kind.js';
import { ApprovalLevel } from '../version/programme-settings.js';
import { workingDaysCalendar, type WorkingDaysCalendar } from '../remote/organisations.js';
import { Benefit } from './benefit.entity.js';
import { BenefitStatus } from './benefit-status.js';
import { decisionDueOn, sweepDecisionDeadlines } from './benefit-decision-due.js';
import { BENEFIT_DECISION_SWEEP_JOB } from './benefit-decision.job.js';

const COUNTY = '141023000000';
const XINCHENG = '141023100000';
let orgs: Awaited<ReturnType<typeof startTestSubgraph>>;
let pg: Awaited<ReturnType<typeof startTestSubgraph>>;
let calendar: WorkingDaysCalendar;
let dibao: Programme;
const today = shanghaiDate();

const staff = (jurisdictionCode: string, role: Role): Principal => ({
  kind: 'STAFF',
  id: newId(),
  organisationId: null,
  jurisdictionCode,
  roles: [role],
  scopes: [],
});

beforeAll(async () => {
  orgs = await startTestSubgraph(organisations, { demoData: true });
  pg = await startTestSubgraph(programmes, { env: { ORGANISATIONS_URL: orgs.url } });
  calendar = workingDaysCalendar(orgs.url, await deliverySigner((await testKeys()).service, 'programmes'), 5_000);
  dibao = Object.assign(new Programme(), {
    name: '襄汾县城乡低保',
    kind: ProgrammeKind.DIBAO,
    jurisdictionCode: COUNTY,
    organisationId: newId(),
  });
  await pg.orm.em.fork().persist(dibao).flush();
});
afterAll(async () => {
  await pg?.stop();
  await orgs?.stop();
});

const SET = `mutation($input: SetApprovalTimeLimitInput!) { setApprovalTimeLimit(input: $input) { jurisdictionCode programmeKind workingDays } }`;
const LIMITS = `query($j: ID!) { approvalTimeLimits(jurisdictionCode: $j) { programmeKind workingDays setBy } }`;

async function proposal(values: Partial<Benefit>): Promise<Benefit> {
  const made = Object.assign(new Benefit(), {
    programmeId: dibao.id,
    householdId: newId(),
    jurisdictionCode: XINCHENG,
    amountFen: 50_000,
    grantedOn: today,
    year: Number(today.slice(0, 4)),
    settings: {},
    approvalLevel: ApprovalLevel.TOWNSHIP,
    status: BenefitStatus.PROPOSED,
    ...values,
  });
  await pg.orm.em.fork().persist(made).flush();
  return made;
}

describe('the time limit of approval (临社救办发〔2015〕3号 二(八): 缩短审批时限)', () => {
  it('is the county’s figure for the kind, a township’s own where it set one, else Doudi’s default', async () => {
    const refused = await pg.query(
      SET,
      { input: { jurisdictionCode: COUNTY, programmeKind: 'DIBAO', workingDays: 8 } },
      staff(COUNTY, 'APPROVER'),
    );
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
    const zero = await pg.query(SET, { input: { jurisdictionCode: COUNTY, programmeKind: 'DIBAO', workingDays: 0 } });
    expect(zero.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    const set = await pg.query(SET, {
      input: { jurisdictionCode: COUNTY, programmeKind: 'DIBAO', workingDays: 8, reason: '县民政局文件' },
    });
    expect(set.errors).toBeUndefined();
    await pg.query(SET, { input: { jurisdictionCode: COUNTY, programmeKind: 'DIBAO', workingDays: 7 } });
    await pg.query(SET, { input: { jurisdictionCode: '141023101000', programmeKind: 'DIBAO', workingDays: 5 } });
    const limits = await pg.query(LIMITS, { j: XINCHENG }, staff(XINCHENG, 'CASEWORKER'));
    expect(limits.errors).toBeUndefined();
    const byKind = Object.fromEntries(
      limits.data!.approvalTimeLimits.map((l: { programmeKind: string }) => [l.programmeKind, l]),
    );
    expect(byKind.DIBAO, 'set again: the later figure').toEqual({
      programmeKind: 'DIBAO',
      workingDays: 7,
      setBy: COUNTY,
    });
    expect(byKind.TEMPORARY).toEqual({ programmeKind: 'TEMPORARY', workingDays: 3, setBy: null });
    const other = await pg.query(LIMITS, { j: '141023101001' }, staff(COUNTY, 'CASEWORKER'));
    expect(
      other.data!.approvalTimeLimits.find((l: { programmeKind: string }) => l.programmeKind === 'DIBAO'),
    ).toMatchObject({ workingDays: 5, setBy: '141023101000' });
  });

  it('dates a proposal in working days of the county’s calendar: a weekend is not counted', async () => {
    await pg.query(SET, { input: { jurisdictionCode: COUNTY, programmeKind: 'TEMPORARY', workingDays: 1 } });
    const em = pg.orm.em.fork();
    // 2026-12-04 is a Friday: one working day later is Monday the 7th.
    expect(await decisionDueOn(em, calendar, XINCHENG, ProgrammeKind.TEMPORARY, '2026-12-04')).toBe('2026-12-07');
    expect(await decisionDueOn(em, calendar, XINCHENG, ProgrammeKind.DIBAO, '2026-12-04')).toBe(
      await calendar.addWorkingDays(XINCHENG, '2026-12-04', 7),
    );
    const unreachable = workingDaysCalendar(
      'http://127.0.0.1:9/graphql',
      await deliverySigner((await testKeys()).service, 'programmes'),
      500,
    );
    expect(
      await decisionDueOn(em, unreachable, XINCHENG, ProgrammeKind.DIBAO, today),
      'dated later by the sweep',
    ).toBeNull();
  });

  it('reminds the approving township the day before, escalates to the county once overdue, once each', async () => {
    const overdue = await proposal({ decisionDueOn: addCalendarDays(today, -2) });
    const dueToday = await proposal({ decisionDueOn: today });
    const later = await proposal({ decisionDueOn: addCalendarDays(today, 30) });
    const undated = await proposal({ decisionDueOn: null });
    const em = pg.orm.em.fork();
    const first = await sweepDecisionDeadlines(em, calendar);
    expect(first.dated).toBeGreaterThanOrEqual(1);
    expect(first.escalations).toBeGreaterThanOrEqual(1);
    expect(first.reminders).toBeGreaterThanOrEqual(1);
    const dated = await pg.orm.em.fork().findOneOrFail(Benefit, { id: undated.id });
    expect(dated.decisionDueOn).toBe(await calendar.addWorkingDays(XINCHENG, today, 7));
    expect(await sweepDecisionDeadlines(pg.orm.em.fork(), calendar), 'a second run sends nothing again').toMatchObject({
      dated: 0,
      reminders: 0,
      escalations: 0,
    });
    const events = await pg.orm.em
      .fork()
      .find(OutboxMessage, { aggregateId: { $in: [overdue.id, dueToday.id, later.id] } });
    expect(events.map((e) => [e.aggregateId, e.type]).sort()).toEqual(
      [
        [overdue.id, 'benefit.decision.escalated'],
        [dueToday.id, 'benefit.decision.reminder'],
      ].sort(),
    );
    for (const event of events) {
      const delivered = {
        eventId: event.eventId,
        type: event.type,
        aggregateId: event.aggregateId,
        payload: event.payload,
        producer: 'programmes' as const,
        occurredAt: new Date().toISOString(),
      };
      expect((await deliverEvent(orgs, delivered)).status).toBe(200);
    }
    const notices = await orgs.orm.em.fork().find(Notification, { itemId: { $in: [overdue.id, dueToday.id] } });
    const seen = notices.map((n) => [n.itemId, n.organisationId, n.kind, n.itemKind]).sort();
    expect(seen).toEqual(
      [
        [dueToday.id, demo.organisations.xinchengTownship.id, 'REMINDER', 'BENEFIT_DECISION'],
        [overdue.id, demo.organisations.xinchengTownship.id, 'ESCALATION', 'BENEFIT_DECISION'],
        [overdue.id, demo.organisations.xiangfenCivilAffairs.id, 'ESCALATION', 'BENEFIT_DECISION'],
      ].sort(),
    );
  });

  it('puts what awaits the approver first by its due date, and the sweep runs as a job', async () => {
    const soon = await proposal({ decisionDueOn: addCalendarDays(today, 1), jurisdictionCode: '141023102000' });
    const sooner = await proposal({ decisionDueOn: addCalendarDays(today, -1), jurisdictionCode: '141023102000' });
    const inbox = await pg.query(
      `{ benefits(filter: { awaitingMyDecision: true }, orderBy: [{ field: DECISION_DUE_ON }], first: 10) { nodes { id decisionDueOn } } }`,
      {},
      staff('141023102000', 'APPROVER'),
    );
    expect(inbox.errors).toBeUndefined();
    expect(inbox.data!.benefits.nodes.map((n: { id: string }) => n.id)).toEqual([sooner.id, soon.id]);
    // The hourly job runs the same sweep with the calendar setup() made.
    const job = programmes.jobs![BENEFIT_DECISION_SWEEP_JOB];
    await expect(job.run(pg.orm.em.fork(), new Date(), { services: { calendar } } as never)).resolves.toMatchObject({
      dated: 0,
    });
  });
});
