import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCalendarDays, newId, OutboxMessage, shanghaiDate, type Principal } from '@doudi/shared';
import { deliverEvent, startTestSubgraph } from '@doudi/shared/testing';
import * as demo from '@doudi/shared/demo';
import { programmes } from '../index.js';
import { organisations } from '../../../organisations/src/index.js';
import { Notification } from '../../../organisations/src/notification/notification.entity.js';
import { Programme } from '../programme/programme.entity.js';
import { ProgrammeKind } from '../programme/programme-kind.js';
import { Benefit } from './benefit.entity.js';
import { BenefitStatus } from './benefit-status.js';
import { ApprovalLevel } from '../version/programme-settings.js';
import { flagBenefitsForReview, sweepBenefitReviews } from './benefit-review.js';

const XINCHENG = '141023100000';
let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
let programmeId: string;
const today = shanghaiDate();
const daysAgo = (n: number) => addCalendarDays(today, -n);

const approver = (jurisdictionCode = XINCHENG): Principal => ({
  kind: 'STAFF',
  id: newId(),
  organisationId: null,
  jurisdictionCode,
  roles: ['APPROVER'],
  scopes: [],
});

beforeAll(async () => {
  subgraph = await startTestSubgraph(programmes);
  const em = subgraph.orm.em.fork();
  const programme = Object.assign(new Programme(), {
    name: '襄汾县城乡低保',
    kind: ProgrammeKind.DIBAO,
    jurisdictionCode: '141023000000',
    organisationId: newId(),
  });
  await em.persist(programme).flush();
  programmeId = programme.id;
});
afterAll(() => subgraph?.stop());

/** A benefit in payment (or in another state) for a household of 新城镇, under a programme reviewed every 12 months. */
async function benefit(values: Partial<Benefit> = {}): Promise<Benefit> {
  const em = subgraph.orm.em.fork();
  const made = Object.assign(new Benefit(), {
    programmeId,
    householdId: newId(),
    jurisdictionCode: XINCHENG,
    amountFen: 50_000,
    grantedOn: daysAgo(400),
    year: Number(daysAgo(400).slice(0, 4)),
    settings: { publicNoticeDays: 7, reviewCycleMonths: 12 },
    approvalLevel: ApprovalLevel.TOWNSHIP,
    status: BenefitStatus.ACTIVE,
    decidedOn: daysAgo(400),
    activeFrom: daysAgo(390),
    reviewDueOn: addCalendarDays(today, 30),
    ...values,
  });
  await em.persist(made).flush();
  return made;
}
const reload = (id: string) => subgraph.orm.em.fork().findOneOrFail(Benefit, { id });

const REVIEW = `mutation($input: ReviewBenefitInput!) { reviewBenefit(input: $input) {
  review { outcome reason nextReviewDueOn noticeEndsOn flagSource }
  benefit { id version status reviewDueOn endingNoticeEndsOn reviewFlag { reason source } endedOn endReason } } }`;
const CLOSE = `mutation($input: CloseEndingNoticeInput!) { closeEndingNotice(input: $input) { benefit { status endedOn endReason } } }`;
const LIST = `query($filter: BenefitFilter) { benefits(filter: $filter, first: 50) { totalCount nodes { id reviewFlag { source } } } }`;

describe('relief under review (临社救办发〔2015〕3号 二(一)(二): 动态管理)', () => {
  it('flags the active benefits of a household that no longer meets the rule once, however often screening asks', async () => {
    const active = await benefit();
    const proposed = await benefit({ householdId: active.householdId, status: BenefitStatus.PROPOSED });
    const flags = [{ householdId: active.householdId, programmeId, reason: 'perCapitaIncome 900 ≥ dibaoLine 720' }];
    const em = subgraph.orm.em.fork();
    expect(await flagBenefitsForReview(em, flags)).toBe(1);
    expect(await flagBenefitsForReview(em, flags), 'a second screening of the same situation').toBe(0);
    expect(await flagBenefitsForReview(em, [...flags, ...flags]), 'the same household twice in one batch').toBe(0);
    const flagged = await reload(active.id);
    expect(flagged.reviewFlag).toMatchObject({ reason: flags[0].reason, source: 'SCREENING' });
    expect((await reload(proposed.id)).reviewFlag, 'only benefits in payment are reviewed').toBeNull();
    const renewed = [{ ...flags[0], reason: 'perCapitaIncome 950 ≥ dibaoLine 720' }];
    expect(await flagBenefitsForReview(em, renewed), 'a new reason is not a new flag').toBe(0);
    const again = await reload(active.id);
    expect(again.reviewFlagReason).toBe(renewed[0].reason);
    expect(again.reviewFlaggedAt).toEqual(flagged.reviewFlaggedAt);
  });

  it('lists what is under review for the approvers of the hukou place, and nothing for another township', async () => {
    const flagged = await benefit();
    await flagBenefitsForReview(subgraph.orm.em.fork(), [
      { householdId: flagged.householdId, programmeId, reason: 'assets above the line' },
    ]);
    const mine = await subgraph.query(LIST, { filter: { underReview: true } }, approver());
    expect(mine.errors).toBeUndefined();
    expect(mine.data!.benefits.nodes.map((b: { id: string }) => b.id)).toContain(flagged.id);
    expect(mine.data!.benefits.nodes.every((b: { reviewFlag: unknown }) => b.reviewFlag !== null)).toBe(true);
    const elsewhere = await subgraph.query(LIST, { filter: { underReview: true } }, approver('141023101000'));
    expect(elsewhere.data!.benefits.totalCount).toBe(0);
  });

  it('flags benefits whose periodic review date has come and publishes a reminder the township office receives', async () => {
    const due = await benefit({ reviewDueOn: daysAgo(1) });
    const notYet = await benefit({ reviewDueOn: addCalendarDays(today, 1) });
    const runs = await subgraph.runDueJobs();
    expect(runs).toContainEqual({ name: 'benefit-review-sweep', error: null });
    expect((await reload(due.id)).reviewFlag).toMatchObject({ source: 'PERIODIC' });
    expect((await reload(notYet.id)).reviewFlag).toBeNull();
    const [event] = await subgraph.orm.em
      .fork()
      .find(OutboxMessage, { type: 'benefit.review.due', aggregateId: due.id });
    expect(event).toMatchObject({
      consumer: 'organisations',
      payload: { benefitId: due.id, jurisdictionCode: XINCHENG, dueDate: due.reviewDueOn },
    });
    // The reminder reaches the township of the hukou place (新城镇人民政府, which has no separate civil-affairs office).
    const orgs = await startTestSubgraph(organisations, { demoData: true });
    try {
      const delivered = {
        eventId: event.eventId,
        type: event.type,
        aggregateId: event.aggregateId,
        payload: event.payload,
        producer: 'programmes' as const,
        occurredAt: new Date().toISOString(),
      };
      expect((await deliverEvent(orgs, delivered)).status).toBe(200);
      expect((await deliverEvent(orgs, delivered)).status, 'a redelivery').toBe(200);
      const notices = await orgs.orm.em.fork().find(Notification, { itemId: due.id });
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatchObject({
        organisationId: demo.organisations.xinchengTownship.id,
        itemKind: 'BENEFIT_REVIEW',
        kind: 'REMINDER',
        caseId: null,
        dueDate: due.reviewDueOn,
      });
    } finally {
      await orgs.stop();
    }
  });

  it('CONTINUE clears the flag and sets the next review a cycle later; an unflagged benefit has nothing to continue', async () => {
    const flagged = await benefit({
      reviewFlagReason: 'periodic',
      reviewFlaggedAt: new Date(),
      reviewFlagSource: 'PERIODIC' as never,
    });
    const result = await subgraph.query(
      REVIEW,
      { input: { benefitId: flagged.id, outcome: 'CONTINUE', reason: '入户核查：收入未变', idempotencyKey: newId() } },
      approver(),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.reviewBenefit).toMatchObject({
      review: { outcome: 'CONTINUE', flagSource: 'PERIODIC', nextReviewDueOn: addMonths(today, 12) },
      benefit: { status: 'ACTIVE', reviewFlag: null, reviewDueOn: addMonths(today, 12) },
    });
    const again = await subgraph.query(
      REVIEW,
      { input: { benefitId: flagged.id, outcome: 'CONTINUE', reason: 'again' } },
      approver(),
    );
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'INVALID_STATE' });
  });

  it('writes a hand flag and every review decision to programmes’ audit log, by who took it (周政办字〔2017〕70号 六(三))', async () => {
    const active = await benefit();
    const caseworker = { ...approver(), id: newId(), roles: ['CASEWORKER'] } as Principal;
    const FLAG = `mutation($input: FlagBenefitForReviewInput!) { flagBenefitForReview(input: $input) { benefit { id } } }`;
    const flag = { input: { benefitId: active.id, reason: '群众反映家中新购车辆' } };
    expect((await subgraph.query(FLAG, flag, caseworker)).errors).toBeUndefined();
    expect(
      (await subgraph.query(FLAG, flag, caseworker)).errors,
      'flagged already: nothing more to log',
    ).toBeUndefined();
    const reviewer = approver();
    const reviewed = await subgraph.query(
      REVIEW,
      { input: { benefitId: active.id, outcome: 'CONTINUE', reason: '入户核查：车辆为亲属所有' } },
      reviewer,
    );
    expect(reviewed.errors).toBeUndefined();
    const audited = await subgraph.orm.em
      .getConnection()
      .execute(`select action, actor_id, detail from programmes_audit.audit_event where entity_id = ? order by id`, [
        active.id,
      ]);
    expect(audited).toEqual([
      {
        action: 'BENEFIT_FLAGGED_FOR_REVIEW',
        actor_id: caseworker.id,
        detail: expect.objectContaining({ source: 'MANUAL' }),
      },
      {
        action: 'BENEFIT_REVIEWED',
        actor_id: reviewer.id,
        detail: expect.objectContaining({ outcome: 'CONTINUE', status: 'ACTIVE' }),
      },
    ]);
  });

  it('END starts a public notice of the ending; the benefit ends only when the notice closes with no objection', async () => {
    const active = await benefit({
      reviewFlagReason: 'income rose',
      reviewFlaggedAt: new Date(),
      reviewFlagSource: 'SCREENING' as never,
    });
    const key = newId();
    const input = {
      benefitId: active.id,
      outcome: 'END',
      reason: '家庭人均收入已高于低保标准',
      reviewedOn: daysAgo(3),
      idempotencyKey: key,
    };
    const ended = await subgraph.query(REVIEW, { input }, approver());
    expect(ended.errors).toBeUndefined();
    const noticeEndsOn = addCalendarDays(daysAgo(3), 6);
    expect(ended.data!.reviewBenefit).toMatchObject({
      review: { outcome: 'END', noticeEndsOn },
      benefit: { status: 'ACTIVE', endingNoticeEndsOn: noticeEndsOn, endedOn: null },
    });
    const retried = await subgraph.query(REVIEW, { input }, approver());
    expect(retried.data!.reviewBenefit.review, 'a retry answers the same review').toEqual(
      ended.data!.reviewBenefit.review,
    );
    const history = await subgraph.query(
      `query($id: ID!) { benefit(id: $id) { reviews { outcome reason noticeEndsOn } } }`,
      {
        id: active.id,
      },
      approver(),
    );
    expect(history.data!.benefit.reviews, 'one review however often it was sent').toEqual([
      { outcome: 'END', reason: '家庭人均收入已高于低保标准', noticeEndsOn },
    ]);
    const early = await subgraph.query(CLOSE, { input: { benefitId: active.id } }, approver());
    expect(early.errors?.[0].extensions).toMatchObject({ code: 'INVALID_STATE', field: 'input.closedOn' });
    const twice = await subgraph.query(REVIEW, { input: { ...input, idempotencyKey: newId() } }, approver());
    expect(twice.errors?.[0].extensions, 'its ending is already under notice').toMatchObject({ code: 'INVALID_STATE' });
    // The notice's last day passes: the hourly sweep closes it and the benefit ends, announced to cases.
    await subgraph.orm.em
      .fork()
      .nativeUpdate(Benefit, { id: active.id }, { endingNoticeStartsOn: daysAgo(10), endingNoticeEndsOn: daysAgo(4) });
    expect(await sweepBenefitReviews(subgraph.orm.em.fork())).toMatchObject({ ended: 1 });
    const after = await reload(active.id);
    expect(after).toMatchObject({
      status: 'ENDED',
      endedOn: daysAgo(3),
      endReason: '家庭人均收入已高于低保标准',
      reviewFlagReason: null,
    });
    const announced = await subgraph.orm.em
      .fork()
      .count(OutboxMessage, { type: 'benefit.ended', aggregateId: active.id });
    expect(announced).toBe(1);
  });

  it('an upheld objection to the ending keeps the relief; an open one keeps the notice from closing', async () => {
    const active = await benefit({
      reviewFlagReason: 'income rose',
      reviewFlaggedAt: new Date(),
      reviewFlagSource: 'SCREENING' as never,
    });
    await subgraph.query(
      REVIEW,
      { input: { benefitId: active.id, outcome: 'END', reason: '收入增加', reviewedOn: daysAgo(8) } },
      approver(),
    );
    const objected = await subgraph.query(
      `mutation($input: ObjectToBenefitInput!) { objectToBenefit(input: $input) { objection { id } } }`,
      { input: { benefitId: active.id, receivedOn: daysAgo(5), objection: '收入为一次性劳务所得' } },
      { ...approver(), roles: ['CASEWORKER'] },
    );
    expect(objected.errors).toBeUndefined();
    const blocked = await subgraph.query(CLOSE, { input: { benefitId: active.id } }, approver());
    expect(blocked.errors?.[0]).toMatchObject({
      extensions: { code: 'INVALID_STATE' },
      message: expect.stringMatching(/objection/),
    });
    const upheld = await subgraph.query(
      `mutation($input: ResolveObjectionInput!) { resolveObjection(input: $input) { benefit { status endingNoticeEndsOn reviewFlag { reason } reviewDueOn } } }`,
      {
        input: {
          objectionId: objected.data!.objectToBenefit.objection.id,
          upheld: true,
          resolution: '核实属一次性收入',
        },
      },
      approver(),
    );
    expect(upheld.errors).toBeUndefined();
    expect(upheld.data!.resolveObjection.benefit).toEqual({
      status: 'ACTIVE',
      endingNoticeEndsOn: null,
      reviewFlag: null,
      reviewDueOn: addMonths(today, 12),
    });
  });

  it('refuses a review of a benefit not in payment, and one by the township the family only lives in', async () => {
    const proposed = await benefit({ status: BenefitStatus.PROPOSED });
    const notActive = await subgraph.query(
      REVIEW,
      { input: { benefitId: proposed.id, outcome: 'END', reason: 'x' } },
      approver(),
    );
    expect(notActive.errors?.[0].extensions).toMatchObject({ code: 'INVALID_STATE' });
    const active = await benefit();
    const elsewhere = await subgraph.query(
      REVIEW,
      { input: { benefitId: active.id, outcome: 'END', reason: 'x' } },
      approver('141023101000'),
    );
    expect(elsewhere.errors?.[0]).toMatchObject({
      extensions: { code: 'FORBIDDEN', rule: '河鱼府发【2021】39号 二(二)' },
      message: expect.stringMatching(/hukou place decides/),
    });
    expect((await reload(active.id)).endingNoticeEndsOn).toBeNull();
    const missing = await subgraph.query(REVIEW, { input: { benefitId: active.id, outcome: 'END', reason: ' ' } });
    expect(missing.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.reason' });
  });
});

function addMonths(date: string, months: number) {
  const [y, m, d] = date.split('-').map(Number);
  const index = y * 12 + m - 1 + months;
  const last = new Date(Date.UTC(Math.floor(index / 12), (index % 12) + 1, 0)).getUTCDate();
  return new Date(Date.UTC(Math.floor(index / 12), index % 12, Math.min(d, last))).toISOString().slice(0, 10);
}
