import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import {
  assertId,
  badInput,
  createOnce,
  forbidden,
  invalidState,
  notFound,
  optionalDate,
  orderByOf,
  pageWindow,
  previousCreate,
  requirePermission,
  requiredText,
  syncPage,
  syncWindow,
  toConnection,
  type Principal,
} from '@doudi/shared';
import { Referral } from './referral.entity.js';
import { Case } from '../case/case.entity.js';
import { CaseChannel, CaseStage, WINDOW_CHANNELS } from '../case/case.enums.js';
import { getCase } from '../case/case.service.js';
import { assertOpen, lockCase, stepDate } from '../case/case.step.js';
import { publishStageChange } from '../case/case.published.js';
import { publishReferralStep } from './referral.published.js';
import { assertCanSeeCase, oversees, visibleReferrals } from '../case/case.access.js';
import { TaskKind } from '../task/task.entity.js';
import { finishTasks } from '../task/task.service.js';
import { recordEvent } from '../timeline/timeline.service.js';
import { referralDue } from './referral.due.js';
import { REFERRAL_ORDER_COLUMNS, type CreateReferralInput, type ReferralListArgs } from './referral.inputs.js';
import type { Context } from '../context.js';

export async function getReferral(em: EntityManager, id: string, field = 'id'): Promise<Referral> {
  const found = await em.findOne(Referral, { id: assertId(field, id) });
  if (!found) throw notFound('Referral', id);
  return found;
}

export async function listReferrals(em: EntityManager, principal: Principal, args: ReferralListArgs) {
  const where: FilterQuery<Referral> = { $and: [visibleReferrals(em, principal)] };
  const filter = args.filter ?? {};
  if (filter.toOrganisationId) where.toOrganisationId = assertId('filter.toOrganisationId', filter.toOrganisationId);
  if (filter.fromOrganisationId)
    where.fromOrganisationId = assertId('filter.fromOrganisationId', filter.fromOrganisationId);
  if (filter.statuses?.length) where.status = { $in: filter.statuses };
  // Incremental sync (docs/sync.md): the same visible set and filters, in (updatedAt, id) order by cursor.
  if (filter.updatedSince) return syncPage(em, Referral, where, syncWindow(args, filter.updatedSince));
  const window = pageWindow(args);
  const [nodes, total] = await em.findAndCount(Referral, where, {
    ...window,
    orderBy: orderByOf(args.orderBy, REFERRAL_ORDER_COLUMNS, { createdAt: 'asc' }),
  });
  return toConnection(nodes, total, window);
}

/** Short lines of text (measures asked for or taken): trimmed, none empty, a sensible number. */
export function textList(field: string, values: string[] | null | undefined, max = 50): string[] {
  const list = (values ?? []).map((v) => v.trim());
  if (list.length > max) throw badInput(field, `${field} takes at most ${max} entries`);
  if (list.some((v) => !v || v.length > 500)) throw badInput(field, `Each of ${field} is 1–500 characters`);
  return list;
}

function referralValues(input: CreateReferralInput) {
  const values = {
    caseId: assertId('input.caseId', input.caseId),
    fromOrganisationId: assertId('input.fromOrganisationId', input.fromOrganisationId),
    toOrganisationId: assertId('input.toOrganisationId', input.toOrganisationId),
    kind: input.kind,
    requestedMeasures: textList('input.requestedMeasures', input.requestedMeasures),
    note: input.note?.trim() || null,
    sentOn: stepDate('input.sentOn', input.sentOn),
    early: Boolean(input.early),
    earlyReason: input.early ? requiredText('input.early.reason', input.early.reason, 2000, 'The reason') : null,
    emergency: input.emergency ?? false,
  };
  if (values.fromOrganisationId === values.toOrganisationId) {
    throw badInput('input.toOrganisationId', 'An organisation cannot refer a case to itself');
  }
  if (values.note && values.note.length > 2000) throw badInput('input.note', 'A note is at most 2000 characters');
  const agreed = optionalDate('input.dueDate', input.dueDate);
  return { values, agreed };
}

/** Whether a referral may be sent on the case now (checked before the due date is counted, and under the lock). */
function assertMayRefer(found: Case, early: boolean) {
  assertOpen(found);
  // 周政办字〔2017〕70号 四(四) 首问负责制: the request is transferred from the window, never from whoever was asked first.
  if (found.channel === CaseChannel.HOTLINE && !found.atWindow) {
    throw invalidState('Bring the applicant to the intake window (bringToWindow) before transferring the request');
  }
  // 晋检发办字〔2023〕10号 第十九条: before the investigation ends, only with a stated reason (先行移送).
  if (found.channel === CaseChannel.JUDICIAL_ASSISTANCE && found.stage === CaseStage.INVESTIGATING && !early) {
    throw badInput('input.early', 'The investigation is not concluded: state why this cannot wait (early.reason)');
  }
}

/** What sending a referral moves on the case: the death and judicial cases to REFERRED, a window's to TRANSFERRED. */
async function advanceCase(tx: EntityManager, found: Case, sentOn: string) {
  const from: Partial<Record<CaseChannel, CaseStage>> = {
    [CaseChannel.NON_NATURAL_DEATH]: CaseStage.REPORTED,
    [CaseChannel.JUDICIAL_ASSISTANCE]: CaseStage.INVESTIGATION_CONCLUDED,
  };
  if (from[found.channel] === found.stage) found.stage = CaseStage.REFERRED;
  if (WINDOW_CHANNELS.includes(found.channel) && found.stage === CaseStage.REGISTERED) {
    await finishTasks(tx, found.id, [TaskKind.TRANSFER], sentOn);
    found.stage = CaseStage.TRANSFERRED;
  }
}

/** Refers an open case from one organisation to another, due as the case's jurisdiction counts it. */
export async function createReferral(ctx: Context, input: CreateReferralInput): Promise<Referral> {
  const { em, principal, loaders } = ctx;
  const { values, agreed } = referralValues(input);
  requirePermission(principal, 'cases:write');
  const { idempotencyKey, ...sent } = input;
  const previous = await previousCreate(em, 'createReferral', idempotencyKey, sent);
  if (previous) return getReferral(em, previous);
  const seen = await getCase(em, values.caseId, 'input.caseId');
  await assertCanSeeCase(principal, seen, loaders);
  // An agency refers in its own name; those overseeing the jurisdiction may record any sender.
  if (!oversees(principal, seen) && values.fromOrganisationId !== principal.organisationId) {
    throw forbidden('You can send referrals only from your own organisation', { field: 'input.fromOrganisationId' });
  }
  assertMayRefer(seen, values.early);
  const { due, procedure, receiverKind } = await referralDue(ctx, seen, values.toOrganisationId, values.sentOn, agreed);
  return createOnce(
    em,
    'createReferral',
    idempotencyKey,
    sent,
    async (tx) => {
      const found = await lockCase(tx, values.caseId);
      assertMayRefer(found, values.early);
      const created = Object.assign(new Referral(), values, { ...due, procedure, toOrganisationKind: receiverKind });
      tx.persist(created);
      const stageBefore = found.stage;
      await advanceCase(tx, found, values.sentOn);
      // The receiver's and the sender's apps hear of it by webhook (issue 19).
      publishReferralStep(tx, 'referral.sent', created, null);
      publishStageChange(tx, found, stageBefore, values.sentOn);
      recordEvent(tx, principal, {
        caseId: found.id,
        kind: 'REFERRAL_SENT',
        on: values.sentOn,
        summary: `${values.kind} referral sent${values.early ? ' early' : ''}${values.emergency ? ' (emergency)' : ''}`,
        referralId: created.id,
      });
      return created;
    },
    (fresh, id) => getReferral(fresh, id),
  );
}
