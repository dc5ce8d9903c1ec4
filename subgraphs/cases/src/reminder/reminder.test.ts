import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityManager } from '@mikro-orm/postgresql';
import { newId, openOrm, OutboxMessage, provisionSubgraph, shanghaiDate, type MikroORM } from '@doudi/shared';
import { createWorkingDayCalendar } from '../../../organisations/src/calendar/working-days.js';
import { CreateTablesOfEntities, createTestDatabase, type TestDatabase } from '@doudi/shared/testing';
import { DeadlineNotice } from './deadline-notice.entity.js';
import { noticeLevelOf, sweepDeadlines, type OpenDeadline } from './reminder.service.js';

/** The national calendar of 2026: 国庆节 rest 1–7 October, make-up working days Sun 20 Sep and Sat 10 Oct. */
const calendar = createWorkingDayCalendar();
const nextWorkingDay = (from: string) => calendar.addWorkingDays(from, 1).date;
/** What a step due on `dueDate` calls for at `instant` (an ISO instant; today is its Asia/Shanghai date). */
function levelAt(instant: string, dueDate: string) {
  const today = shanghaiDate(new Date(instant));
  return noticeLevelOf(dueDate, today, nextWorkingDay(today));
}

describe('which notice a step calls for', () => {
  it('counts the next working day across the National Day holiday (Wed 30 Sep 2026 → Thu 8 Oct)', () => {
    expect(nextWorkingDay('2026-09-30')).toBe('2026-10-08');
    expect(nextWorkingDay('2026-10-03')).toBe('2026-10-08');
    expect(nextWorkingDay('2026-10-09'), 'Saturday 10 October is a make-up working day').toBe('2026-10-10');
    expect(nextWorkingDay('2026-10-10')).toBe('2026-10-12');
  });

  it('on Wed 30 Sep: overdue before today, at risk through Thu 8 Oct, nothing yet for Fri 9 Oct', () => {
    const morning = '2026-09-30T02:00:00Z'; // 10:00 in Shanghai
    expect(levelAt(morning, '2026-09-29')).toBe('ESCALATION');
    expect(levelAt(morning, '2026-09-30'), 'due today').toBe('REMINDER');
    expect(levelAt(morning, '2026-10-05'), 'due on a holiday before the next working day').toBe('REMINDER');
    expect(levelAt(morning, '2026-10-08')).toBe('REMINDER');
    expect(levelAt(morning, '2026-10-09')).toBeNull();
  });

  it('during the holiday: a step due on the first working day after it is at risk, one due before is overdue', () => {
    const holiday = '2026-10-03T04:00:00Z';
    expect(levelAt(holiday, '2026-10-02')).toBe('ESCALATION');
    expect(levelAt(holiday, '2026-10-03')).toBe('REMINDER');
    expect(levelAt(holiday, '2026-10-08')).toBe('REMINDER');
    expect(levelAt(holiday, '2026-10-09')).toBeNull();
  });

  it('counts the make-up Saturday as the next working day after Fri 9 Oct, and Monday after it', () => {
    expect(levelAt('2026-10-09T02:00:00Z', '2026-10-10')).toBe('REMINDER');
    expect(levelAt('2026-10-09T02:00:00Z', '2026-10-12')).toBeNull();
    expect(levelAt('2026-10-10T02:00:00Z', '2026-10-12')).toBe('REMINDER');
    expect(levelAt('2026-10-10T02:00:00Z', '2026-10-09')).toBe('ESCALATION');
  });

  it('takes today in Asia/Shanghai: 01:00 on 1 Oct there is still 30 Sep in UTC', () => {
    const afterMidnight = '2026-09-30T17:00:00Z';
    expect(levelAt(afterMidnight, '2026-09-30')).toBe('ESCALATION');
    expect(levelAt(afterMidnight, '2026-10-08')).toBe('REMINDER');
    expect(levelAt('2026-09-30T15:59:59Z', '2026-09-30'), '23:59:59 in Shanghai').toBe('REMINDER');
  });
});

describe('the deadline sweep', () => {
  const XIANGFEN = '141023000000';
  const JINJIANG = '350582000000';
  let db: TestDatabase;
  let orm: MikroORM;
  let open: OpenDeadline[] = [];
  const calendarCalls: string[] = [];
  const deps = {
    openDeadlines: async (_em: EntityManager, _asOf: string) => open.map((item) => ({ ...item })),
    nextWorkingDay: async (jurisdictionCode: string, from: string) => {
      calendarCalls.push(jurisdictionCode);
      return nextWorkingDay(from);
    },
  };
  const sweep = (instant: string, em = orm.em.fork()) => sweepDeadlines(em, deps, new Date(instant));
  const openItem = (kind: OpenDeadline['kind'], dueDate: string, jurisdictionCode = XIANGFEN): OpenDeadline => ({
    kind,
    id: newId(),
    caseId: newId(),
    organisationId: newId(),
    jurisdictionCode,
    dueDate,
  });
  const outboxOf = (items: OpenDeadline[]) =>
    orm.em.fork().find(OutboxMessage, { aggregateId: { $in: items.map((i) => i.id) } }, { orderBy: { id: 'asc' } });
  const noticesOf = (items: OpenDeadline[]) =>
    orm.em.fork().find(DeadlineNotice, { itemId: { $in: items.map((i) => i.id) } }, { orderBy: { dueDate: 'asc' } });

  beforeAll(async () => {
    db = await createTestDatabase();
    orm = await openOrm({
      subgraph: 'cases',
      clientUrl: await provisionSubgraph(db.url, 'cases'),
      entities: [DeadlineNotice, OutboxMessage],
      migrations: [{ name: 'CreateTablesOfEntities', class: CreateTablesOfEntities }],
    });
  });
  afterAll(async () => {
    await orm?.close();
    await db?.drop();
  });

  it('sends each reminder and escalation once, however often it runs, and again when a due date moves', async () => {
    const overdue = openItem('REFERRAL', '2026-09-29');
    const dueToday = openItem('TASK', '2026-09-30', JINJIANG);
    const atRisk = openItem('TASK', '2026-10-08');
    const later = openItem('FOLLOW_UP', '2026-10-09');
    open = [overdue, dueToday, atRisk, later];
    calendarCalls.length = 0;

    expect(await sweep('2026-09-30T02:00:00Z')).toEqual({ reminders: 2, escalations: 1 });
    expect(calendarCalls, 'asked once, only for the jurisdiction with steps due after today').toEqual([XIANGFEN]);
    const sent = await outboxOf(open);
    expect(sent.map((m) => [m.aggregateId, m.type, m.consumer]).sort()).toEqual(
      [
        [overdue.id, 'case.deadline.escalated', 'organisations'],
        [dueToday.id, 'case.deadline.reminder', 'organisations'],
        [atRisk.id, 'case.deadline.reminder', 'organisations'],
      ].sort(),
    );
    expect(sent.find((m) => m.aggregateId === overdue.id)!.payload).toEqual({
      itemKind: 'REFERRAL',
      itemId: overdue.id,
      caseId: overdue.caseId,
      organisationId: overdue.organisationId,
      jurisdictionCode: XIANGFEN,
      dueDate: '2026-09-29',
      level: 'ESCALATION',
    });

    expect(await sweep('2026-09-30T02:00:00Z')).toEqual({ reminders: 0, escalations: 0 });
    expect(await sweep('2026-09-30T09:00:00Z'), 'later the same day').toEqual({ reminders: 0, escalations: 0 });
    expect(await outboxOf(open)).toHaveLength(3);

    // The task's due date moves to the 9th; on the 8th it is at risk again, with the follow-up due that day;
    // the step due on 30 September is now overdue, and the referral's escalation is not repeated.
    atRisk.dueDate = '2026-10-09';
    expect(await sweep('2026-10-08T02:00:00Z')).toEqual({ reminders: 2, escalations: 1 });
    expect((await noticesOf([atRisk])).map((n) => [n.level, n.dueDate])).toEqual([
      ['REMINDER', '2026-10-08'],
      ['REMINDER', '2026-10-09'],
    ]);
    expect((await noticesOf([dueToday])).map((n) => n.level)).toEqual(['REMINDER', 'ESCALATION']);
    expect(await noticesOf([overdue])).toHaveLength(1);
    expect(await outboxOf(open)).toHaveLength(6);
    expect(await sweep('2026-10-08T03:00:00Z')).toEqual({ reminders: 0, escalations: 0 });
  });

  it('sends once when two replicas sweep at the same moment', async () => {
    open = Array.from({ length: 30 }, (_, i) => openItem('TASK', i % 2 ? '2026-11-02' : '2026-11-20'));
    const [first, second] = await Promise.all([sweep('2026-11-21T02:00:00Z'), sweep('2026-11-21T02:00:00Z')]);
    expect(first.escalations + second.escalations).toBe(30);
    expect(await outboxOf(open)).toHaveLength(30);
  });

  it('asks the calendar once per jurisdiction per sweep, and writes nothing when it fails', async () => {
    open = [
      openItem('TASK', '2026-12-01'),
      openItem('REFERRAL', '2026-12-01'),
      openItem('FOLLOW_UP', '2026-11-23', JINJIANG),
    ];
    calendarCalls.length = 0;
    expect(await sweep('2026-11-20T02:00:00Z')).toEqual({ reminders: 1, escalations: 0 });
    expect(calendarCalls.sort()).toEqual([XIANGFEN, JINJIANG].sort());

    const failing = { ...deps, nextWorkingDay: async () => Promise.reject(new Error('organisations is down')) };
    open = [openItem('TASK', '2026-11-19'), openItem('TASK', '2026-11-21')];
    await expect(sweepDeadlines(orm.em.fork(), failing, new Date('2026-11-20T02:00:00Z'))).rejects.toThrow(
      'organisations is down',
    );
    expect(await noticesOf(open)).toEqual([]);
    expect(await outboxOf(open)).toEqual([]);
  });

  it('refuses a malformed step rather than guess', async () => {
    open = [{ ...openItem('TASK', '2026-11-19'), dueDate: '19/11/2026' }];
    await expect(sweep('2026-11-20T02:00:00Z')).rejects.toThrow(/malformed item/);
  });
});
