import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCalendarDays, addCalendarMonths, newId, OutboxMessage, shanghaiDate, type Principal } from '@doudi/shared';
import { startTestSubgraph } from '@doudi/shared/testing';
import { programmes } from '../index.js';
import { Programme } from '../programme/programme.entity.js';
import { ProgrammeKind } from '../programme/programme-kind.js';
import { ApprovalLevel } from '../version/programme-settings.js';
import { Payment } from '../payment/payment.entity.js';
import { periodOf, scheduleRollFor } from '../payment/payment.schedule.js';
import { Benefit } from './benefit.entity.js';
import { BenefitStatus } from './benefit-status.js';
import { sweepBenefitReviews } from './benefit-review.js';

const XINCHENG = '141023100000';
let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
const programmeOf: Partial<Record<ProgrammeKind, string>> = {};
const today = shanghaiDate();
const daysAgo = (n: number) => addCalendarDays(today, -n);

const staff = (role: 'APPROVER' | 'CASEWORKER'): Principal => ({
  kind: 'STAFF',
  id: newId(),
  organisationId: null,
  jurisdictionCode: XINCHENG,
  roles: [role],
  scopes: [],
});

beforeAll(async () => {
  subgraph = await startTestSubgraph(programmes);
  // The hourly sweep's first turn is due at start: let it pass, so it cannot close a test's notice under its feet.
  await subgraph.runDueJobs();
  const em = subgraph.orm.em.fork();
  for (const kind of [ProgrammeKind.DIBAO, ProgrammeKind.TEKUN, ProgrammeKind.TEMPORARY]) {
    const programme = Object.assign(new Programme(), {
      name: `襄汾县 ${kind}`,
      kind,
      jurisdictionCode: '141023000000',
      organisationId: newId(),
    });
    em.persist(programme);
    programmeOf[kind] = programme.id;
  }
  await em.flush();
});
afterAll(() => subgraph?.stop());

async function active(kind: ProgrammeKind): Promise<Benefit> {
  const em = subgraph.orm.em.fork();
  const made = Object.assign(new Benefit(), {
    programmeId: programmeOf[kind]!,
    householdId: newId(),
    jurisdictionCode: XINCHENG,
    amountFen: 50_000,
    grantedOn: daysAgo(200),
    year: Number(daysAgo(200).slice(0, 4)),
    settings: { publicNoticeDays: 7 },
    approvalLevel: ApprovalLevel.TOWNSHIP,
    status: BenefitStatus.ACTIVE,
    decidedOn: daysAgo(200),
    activeFrom: `${periodOf(addCalendarMonths(today, -2))}-01`,
  });
  await em.persist(made).flush();
  return made;
}

const END = `mutation($input: EndBenefitInput!) { endBenefit(input: $input) { benefit {
  id version status endedOn endCause endReason endingNoticeStartsOn endingNoticeEndsOn reviews { outcome noticeEndsOn } } } }`;
const CLOSE = `mutation($input: CloseEndingNoticeInput!) { closeEndingNotice(input: $input) { benefit { status endedOn endCause endReason } } }`;
const OBJECT = `mutation($input: ObjectToBenefitInput!) { objectToBenefit(input: $input) { objection { id } } }`;
const NOTICES = `{ benefits(filter: { inPublicNotice: true }, first: 100) { nodes { id } } }`;
/** Events announcing the ending, one per event whatever the number of subscribers it is written for. */
const announcedEnd = async (id: string) =>
  new Set(
    (await subgraph.orm.em.fork().find(OutboxMessage, { type: 'benefit.ended', aggregateId: id })).map(
      (m) => m.eventId,
    ),
  ).size;

describe('ending relief publicly (临社救办发〔2015〕3号 二(二)1: 终止供养并予以公示)', () => {
  it('a dibao household that no longer qualifies keeps its relief through a public notice of the ending', async () => {
    const dibao = await active(ProgrammeKind.DIBAO);
    const other = await active(ProgrammeKind.DIBAO);
    const ended = await subgraph.query(
      END,
      { input: { benefitId: dibao.id, version: dibao.version, reason: '家庭人均收入已高于低保标准' } },
      staff('APPROVER'),
    );
    expect(ended.errors).toBeUndefined();
    const noticeEndsOn = addCalendarDays(today, 6);
    expect(ended.data!.endBenefit.benefit).toMatchObject({
      status: 'ACTIVE',
      endedOn: null,
      endCause: 'NO_LONGER_QUALIFIES',
      endingNoticeStartsOn: today,
      endingNoticeEndsOn: noticeEndsOn,
      reviews: [{ outcome: 'END', noticeEndsOn }],
    });
    expect(await announcedEnd(dibao.id), 'nothing ended yet').toBe(0);
    const posted = await subgraph.query(NOTICES, {}, staff('CASEWORKER'));
    expect(posted.data!.benefits.nodes.map((n: { id: string }) => n.id)).toContain(dibao.id);
    const rest = await subgraph.query(NOTICES.replace('true', 'false'), {}, staff('CASEWORKER'));
    expect(rest.errors).toBeUndefined();
    expect(rest.data!.benefits.nodes.map((n: { id: string }) => n.id)).not.toContain(dibao.id);
    expect(
      rest.data!.benefits.nodes.map((n: { id: string }) => n.id),
      'the others are listed',
    ).toContain(other.id);
    const twice = await subgraph.query(
      END,
      { input: { benefitId: dibao.id, version: ended.data!.endBenefit.benefit.version, reason: 'again' } },
      staff('APPROVER'),
    );
    expect(twice.errors?.[0].extensions).toMatchObject({ code: 'INVALID_STATE' });
    const early = await subgraph.query(CLOSE, { input: { benefitId: dibao.id } }, staff('APPROVER'));
    expect(early.errors?.[0].extensions).toMatchObject({ code: 'INVALID_STATE' });
  });

  it('records objections during the notice, and ends the benefit once it closes with none open', async () => {
    const tekun = await active(ProgrammeKind.TEKUN);
    const em = subgraph.orm.em.fork();
    for (const period of [periodOf(addCalendarMonths(today, -1)), periodOf(today)]) await scheduleRollFor(em, period);
    const started = await subgraph.query(
      END,
      {
        input: {
          benefitId: tekun.id,
          version: tekun.version,
          reason: '已有赡养能力的法定赡养人',
          endedOn: daysAgo(20),
        },
      },
      staff('APPROVER'),
    );
    expect(started.errors).toBeUndefined();
    expect(started.data!.endBenefit.benefit.endingNoticeEndsOn).toBe(daysAgo(14));
    const objection = await subgraph.query(
      OBJECT,
      { input: { benefitId: tekun.id, receivedOn: daysAgo(18), objection: '赡养人实际无赡养能力' } },
      staff('CASEWORKER'),
    );
    expect(objection.errors).toBeUndefined();
    expect(await sweepBenefitReviews(subgraph.orm.em.fork()), 'an open objection holds the ending').toMatchObject({
      ended: 0,
    });
    const open = await subgraph.query(CLOSE, { input: { benefitId: tekun.id } }, staff('APPROVER'));
    expect(open.errors?.[0].extensions).toMatchObject({ code: 'INVALID_STATE' });
    const dismissed = await subgraph.query(
      `mutation($input: ResolveObjectionInput!) { resolveObjection(input: $input) { objection { upheld } } }`,
      {
        input: {
          objectionId: objection.data!.objectToBenefit.objection.id,
          upheld: false,
          resolution: '入户核实：赡养人有赡养能力',
        },
      },
      staff('APPROVER'),
    );
    expect(dismissed.errors).toBeUndefined();
    const closed = await subgraph.query(CLOSE, { input: { benefitId: tekun.id } }, staff('APPROVER'));
    expect(closed.errors).toBeUndefined();
    expect(closed.data!.closeEndingNotice.benefit).toEqual({
      status: 'ENDED',
      endedOn: today,
      endCause: 'NO_LONGER_QUALIFIES',
      endReason: '已有赡养能力的法定赡养人',
    });
    expect(await announcedEnd(tekun.id)).toBe(1);
    // Ended this month: this month stays on the roll, nothing after it.
    const payments = await subgraph.orm.em
      .fork()
      .find(Payment, { benefitId: tekun.id }, { orderBy: { period: 'asc' } });
    expect(payments.map((p) => p.period)).toEqual([periodOf(addCalendarMonths(today, -1)), periodOf(today)]);
  });

  it('writes the ending to programmes’ audit log when its notice is closed, by who closed it (周政办字〔2017〕70号 六(三))', async () => {
    const dibao = await active(ProgrammeKind.DIBAO);
    const approver = staff('APPROVER');
    const started = await subgraph.query(
      END,
      {
        input: { benefitId: dibao.id, version: dibao.version, reason: '家庭人均收入高于低保标准', endedOn: daysAgo(8) },
      },
      approver,
    );
    expect(started.errors).toBeUndefined();
    const closed = await subgraph.query(CLOSE, { input: { benefitId: dibao.id } }, approver);
    expect(closed.data!.closeEndingNotice.benefit.status).toBe('ENDED');
    const audited = await subgraph.orm.em
      .getConnection()
      .execute(`select action, actor_id, detail from programmes_audit.audit_event where entity_id = ? order by id`, [
        dibao.id,
      ]);
    expect(audited).toEqual([
      { action: 'BENEFIT_ENDING_NOTICE', actor_id: approver.id, detail: expect.objectContaining({ status: 'ACTIVE' }) },
      { action: 'BENEFIT_ENDED', actor_id: approver.id, detail: expect.objectContaining({ status: 'ENDED' }) },
    ]);
  });

  it('writes an ending the hourly sweep takes to the audit log as the system’s, read by the auditors of its place', async () => {
    const dibao = await active(ProgrammeKind.DIBAO);
    const started = await subgraph.query(
      END,
      {
        input: { benefitId: dibao.id, version: dibao.version, reason: '家庭人均收入高于低保标准', endedOn: daysAgo(9) },
      },
      staff('APPROVER'),
    );
    expect(started.errors).toBeUndefined();
    expect((await sweepBenefitReviews(subgraph.orm.em.fork())).ended).toBeGreaterThanOrEqual(1);
    const audited = await subgraph.orm.em.getConnection().execute(
      `select action, actor_kind, actor_id, jurisdiction_code from programmes_audit.audit_event
          where entity_id = ? order by id`,
      [dibao.id],
    );
    expect(audited.map((row) => row.action)).toEqual(['BENEFIT_ENDING_NOTICE', 'BENEFIT_ENDED']);
    expect(audited[1]).toEqual({
      action: 'BENEFIT_ENDED',
      actor_kind: 'SYSTEM',
      actor_id: null,
      jurisdiction_code: XINCHENG,
    });
    const auditor: Principal = { ...staff('APPROVER'), roles: ['AUDITOR'] };
    const read = await subgraph.query(
      `query($id: ID!) { programmesAuditLog(filter: { entityId: $id, action: "BENEFIT_ENDED" }) { nodes { actorKind } } }`,
      { id: dibao.id },
      auditor,
    );
    expect(read.errors).toBeUndefined();
    expect(read.data!.programmesAuditLog.nodes).toEqual([{ actorKind: 'SYSTEM' }]);
  });

  it('ends at once for a death, or for relief that is not dibao or tekun', async () => {
    const dibao = await active(ProgrammeKind.DIBAO);
    const death = await subgraph.query(
      END,
      {
        input: {
          benefitId: dibao.id,
          version: dibao.version,
          reason: '保障对象死亡',
          cause: 'DECEASED',
          endedOn: daysAgo(1),
        },
      },
      staff('APPROVER'),
    );
    expect(death.data!.endBenefit.benefit).toMatchObject({
      status: 'ENDED',
      endedOn: daysAgo(1),
      endCause: 'DECEASED',
      endingNoticeEndsOn: null,
    });
    expect(await announcedEnd(dibao.id)).toBe(1);
    const temporary = await active(ProgrammeKind.TEMPORARY);
    const once = await subgraph.query(
      END,
      { input: { benefitId: temporary.id, version: temporary.version, reason: '一次性救助已发放' } },
      staff('APPROVER'),
    );
    expect(once.data!.endBenefit.benefit).toMatchObject({ status: 'ENDED', endCause: 'NO_LONGER_QUALIFIES' });
    const byCaseworker = await subgraph.query(
      END,
      { input: { benefitId: (await active(ProgrammeKind.DIBAO)).id, version: 1, reason: 'x' } },
      staff('CASEWORKER'),
    );
    expect(byCaseworker.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
  });
});
