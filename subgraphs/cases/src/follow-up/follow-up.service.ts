import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import {
  assertDate,
  assertId,
  createOnce,
  invalidState,
  notFound,
  previousCreate,
  requiredText,
  shanghaiDate,
} from '@doudi/shared';
import { FollowUp } from './follow-up.entity.js';
import type { RecordFollowUpInput, ScheduleFollowUpInput } from './follow-up.inputs.js';
import { assertCanSeeCase, assertMayAct } from '../case/case.access.js';
import { lockCase, stepDate } from '../case/case.step.js';
import { getCase } from '../case/case.service.js';
import { recordEvent } from '../timeline/timeline.service.js';
import type { Context } from '../context.js';

const loadFollowUp = async (em: EntityManager, id: string) => (await em.findOne(FollowUp, { id }))!;

/**
 * The lead (or an overseer) arranges a follow-up visit, also after the case is closed (襄政办发〔2023〕26号 七(六): 定期跟踪回访;
 * 晋检发办字〔2023〕10号 第二十五条: 定期跟踪、回访).
 */
export async function scheduleFollowUp(ctx: Context, input: ScheduleFollowUpInput): Promise<FollowUp> {
  const caseId = assertId('input.caseId', input.caseId);
  const organisationId = assertId('input.organisationId', input.organisationId);
  assertDate('input.dueOn', input.dueOn);
  const { idempotencyKey, ...sent } = input;
  const previous = await previousCreate(ctx.em, 'scheduleFollowUp', idempotencyKey, sent);
  if (previous) return loadFollowUp(ctx.em, previous);
  const seen = await getCase(ctx.em, caseId, 'input.caseId');
  await assertCanSeeCase(ctx.principal, seen, ctx.loaders);
  assertMayAct(ctx.principal, seen, [], 'a follow-up');
  return createOnce(
    ctx.em,
    'scheduleFollowUp',
    idempotencyKey,
    sent,
    async (tx) => {
      await lockCase(tx, caseId);
      const followUp = Object.assign(new FollowUp(), { caseId, organisationId, dueOn: input.dueOn });
      tx.persist(followUp);
      recordEvent(tx, ctx.principal, {
        caseId,
        kind: 'FOLLOW_UP_SCHEDULED',
        on: shanghaiDate(),
        summary: `Follow-up visit arranged for ${input.dueOn}`,
      });
      return followUp;
    },
    loadFollowUp,
  );
}

/** The visiting organisation (or the lead, or an overseer) records the follow-up once. */
export async function recordFollowUp(ctx: Context, input: RecordFollowUpInput): Promise<FollowUp> {
  const id = assertId('input.followUpId', input.followUpId);
  const visitedOn = stepDate('input.visitedOn', input.visitedOn);
  const outcome = requiredText('input.outcome', input.outcome, 4000, 'The outcome');
  const seen = await ctx.em.findOne(FollowUp, { id });
  if (!seen) throw notFound('FollowUp', id);
  const found = await getCase(ctx.em, seen.caseId);
  await assertCanSeeCase(ctx.principal, found, ctx.loaders);
  assertMayAct(ctx.principal, found, [seen.organisationId], 'this follow-up', { village: true });
  return ctx.em.transactional(async (tx) => {
    await lockCase(tx, seen.caseId);
    const followUp = (await tx.findOne(FollowUp, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true }))!;
    if (followUp.visitedOn) throw invalidState(`This follow-up was recorded on ${followUp.visitedOn}`);
    Object.assign(followUp, { visitedOn, outcome, needsMoreHelp: input.needsMoreHelp });
    recordEvent(tx, ctx.principal, {
      caseId: followUp.caseId,
      kind: 'FOLLOW_UP_RECORDED',
      on: visitedOn,
      summary: input.needsMoreHelp ? 'Follow-up visit: the family needs more help' : 'Follow-up visit recorded',
    });
    return followUp;
  });
}
