import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import {
  assertDate,
  addCalendarDays,
  assertId,
  assertVersion,
  badInput,
  createOnce,
  invalidState,
  notFound,
  previousCreate,
  requiredText,
  shanghaiDate,
} from '@doudi/shared';
import { NoticeOutcome, PublicNotice } from './notice.entity.js';
import type { ClosePublicNoticeInput, RecordObjectionInput, StartPublicNoticeInput } from './notice.inputs.js';
import { hasConsent } from '../remote/households.js';
import { CaseStage, LEAD_CHANNELS } from '../case/case.enums.js';
import type { Case } from '../case/case.entity.js';
import { assertCanSeeCase, assertMayAct } from '../case/case.access.js';
import { assertOpen, assertStage, lockCase, stepDate } from '../case/case.step.js';
import { publishStageChange } from '../case/case.published.js';
import { getCase } from '../case/case.service.js';
import { recordEvent } from '../timeline/timeline.service.js';
import type { Context } from '../context.js';

const loadNotice = async (em: EntityManager, id: string) => (await em.findOne(PublicNotice, { id }))!;

/** Lead cases publish from IN_REVIEW (河鱼府发【2021】39号 二(五)); other cases may publish a decision once at a time. */
async function assertMayPublish(em: EntityManager, found: Case) {
  if (LEAD_CHANNELS.includes(found.channel)) return assertStage(found, 'put under public notice', CaseStage.IN_REVIEW);
  assertOpen(found);
  if (await em.count(PublicNotice, { caseId: found.id, closedOn: null })) {
    throw invalidState('A public notice of this case is still running; close it first');
  }
}

/** Starts a public notice (公示) of the case's decision, if the family consented to publicity. */
export async function startPublicNotice(ctx: Context, input: StartPublicNoticeInput): Promise<PublicNotice> {
  const caseId = assertId('input.caseId', input.caseId);
  const startsOn = input.startsOn ?? shanghaiDate();
  assertDate('input.startsOn', startsOn);
  if (!Number.isInteger(input.days) || input.days < 1 || input.days > 60) {
    throw badInput('input.days', 'A public notice runs 1–60 days');
  }
  const content = requiredText('input.content', input.content, 4000, 'The content');
  const { idempotencyKey, ...sent } = input;
  const previous = await previousCreate(ctx.em, 'startPublicNotice', idempotencyKey, sent);
  if (previous) return loadNotice(ctx.em, previous);

  const seen = await getCase(ctx.em, caseId, 'input.caseId');
  await assertCanSeeCase(ctx.principal, seen, ctx.loaders);
  assertMayAct(ctx.principal, seen, [], 'a public notice');
  assertVersion(seen, input.version, 'Case');
  await assertMayPublish(ctx.em, seen);
  if (!(await hasConsent(ctx, seen.householdId, 'PUBLICITY'))) {
    throw invalidState('The family has not consented to publicity (PUBLICITY): record its consent first', {
      householdId: seen.householdId,
    });
  }
  return createOnce(
    ctx.em,
    'startPublicNotice',
    idempotencyKey,
    sent,
    async (tx) => {
      const found = await lockCase(tx, caseId, input.version);
      await assertMayPublish(tx, found);
      const notice = Object.assign(new PublicNotice(), {
        caseId,
        startsOn,
        days: input.days,
        endsOn: addCalendarDays(startsOn, input.days - 1),
        content,
      });
      tx.persist(notice);
      const stageBefore = found.stage;
      if (LEAD_CHANNELS.includes(found.channel)) found.stage = CaseStage.IN_NOTICE;
      publishStageChange(tx, found, stageBefore, startsOn);
      recordEvent(tx, ctx.principal, {
        caseId,
        kind: 'NOTICE_STARTED',
        on: startsOn,
        summary: `Public notice for ${input.days} day(s), until ${notice.endsOn}`,
      });
      return notice;
    },
    loadNotice,
  );
}

/** One step on a notice, holding the case's and the notice's row locks (in that order). */
async function noticeStep<T>(
  ctx: Context,
  noticeId: string,
  what: string,
  apply: (tx: EntityManager, notice: PublicNotice, found: Case) => Promise<T>,
): Promise<T> {
  const id = assertId('input.noticeId', noticeId);
  const seen = await ctx.em.findOne(PublicNotice, { id });
  if (!seen) throw notFound('PublicNotice', id);
  const seenCase = await getCase(ctx.em, seen.caseId);
  await assertCanSeeCase(ctx.principal, seenCase, ctx.loaders);
  assertMayAct(ctx.principal, seenCase, [], what);
  return ctx.em.transactional(async (tx) => {
    const found = await lockCase(tx, seen.caseId);
    const notice = await tx.findOne(PublicNotice, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
    if (notice!.closedOn) throw invalidState(`The public notice was closed on ${notice!.closedOn}`);
    return apply(tx, notice!, found);
  });
}

/**
 * An objection, received while the notice runs. With an idempotencyKey it is recorded once: a retry answers the
 * notice with the first call's objection, even after the notice has closed.
 */
export async function recordObjection(ctx: Context, input: RecordObjectionInput): Promise<PublicNotice> {
  const receivedOn = stepDate('input.receivedOn', input.receivedOn);
  const content = requiredText('input.content', input.content, 4000, 'The objection');
  const { idempotencyKey, ...sent } = input;
  const previous = await previousCreate(ctx.em, 'recordObjection', idempotencyKey, sent);
  if (previous) {
    const notice = await loadNotice(ctx.em, previous);
    await assertCanSeeCase(ctx.principal, await getCase(ctx.em, notice.caseId), ctx.loaders);
    return notice;
  }
  const record = (em: EntityManager) =>
    noticeStep({ ...ctx, em }, input.noticeId, 'an objection', async (tx, notice) => {
      if (receivedOn < notice.startsOn) {
        throw badInput('input.receivedOn', `The notice runs from ${notice.startsOn}; an objection cannot come before`);
      }
      if (receivedOn > notice.endsOn) {
        throw invalidState(`The notice period ended on ${notice.endsOn}; objections are no longer received`, {
          endsOn: notice.endsOn,
        });
      }
      notice.objections = [...notice.objections, { receivedOn, content }];
      recordEvent(tx, ctx.principal, {
        caseId: notice.caseId,
        kind: 'OBJECTION_RECORDED',
        on: receivedOn,
        summary: 'An objection to the public notice was received',
      });
      return notice;
    });
  if (!idempotencyKey) return record(ctx.em);
  return createOnce(ctx.em, 'recordObjection', idempotencyKey, sent, record, loadNotice);
}

/** Closes the notice after its last day; a lead case is then DECIDED. */
export function closePublicNotice(ctx: Context, input: ClosePublicNoticeInput): Promise<PublicNotice> {
  const closedOn = stepDate('input.closedOn', input.closedOn);
  return noticeStep(ctx, input.noticeId, 'the close of a public notice', async (tx, notice, found) => {
    if (closedOn <= notice.endsOn) {
      throw invalidState(`The notice runs until ${notice.endsOn}; close it after that`, {
        field: 'input.closedOn',
        endsOn: notice.endsOn,
      });
    }
    const objected = notice.objections.length > 0;
    if (objected === (input.outcome === NoticeOutcome.NO_OBJECTION)) {
      throw invalidState(
        objected
          ? `${notice.objections.length} objection(s) were recorded: uphold or dismiss them`
          : 'No objection was recorded: the outcome is NO_OBJECTION',
        { objections: notice.objections.length },
      );
    }
    Object.assign(notice, { outcome: input.outcome, closedOn });
    const stageBefore = found.stage;
    if (LEAD_CHANNELS.includes(found.channel) && found.stage === CaseStage.IN_NOTICE) found.stage = CaseStage.DECIDED;
    publishStageChange(tx, found, stageBefore, closedOn);
    recordEvent(tx, ctx.principal, {
      caseId: notice.caseId,
      kind: 'NOTICE_CLOSED',
      on: closedOn,
      summary: `Public notice closed: ${input.outcome}`,
    });
    return notice;
  });
}
