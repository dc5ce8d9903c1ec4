import {
  assertId,
  assertJurisdictionCode,
  badInput,
  codePrefix,
  createOnce,
  forbidden,
  previousCreate,
  requirePermission,
  requiredText,
} from '@doudi/shared';
import { Case } from './case.entity.js';
import { CaseChannel, CaseStage } from './case.enums.js';
import type { HandToWindowInput } from './case.inputs.js';
import { familyFacts } from './case.household.js';
import { factsOf, getCase } from './case.service.js';
import { stepDate } from './case.step.js';
import { TaskKind } from '../task/task.entity.js';
import { openTask } from '../task/task.service.js';
import { recordEvent } from '../timeline/timeline.service.js';
import { requestDeadlines } from '../deadline/deadline.service.js';
import { DeadlineRule } from '../deadline/deadline.rules.js';
import { organisationKind } from '../remote/organisations.js';
import type { Context } from '../context.js';

/** The organisations that run a social-assistance intake window (社会救助受理窗口, 一门受理). */
const WINDOW_KINDS = ['TOWNSHIP_GOVERNMENT', 'CIVIL_AFFAIRS'];

/**
 * 首问负责制 (周政办字〔2017〕70号 四(四): 不论问到谁，都要把急难申请人送到救助受理窗口): whoever is asked first — an agency,
 * a school, a hospital, a village — hands the request to the township window without leading the case. The window
 * leads it and must transfer it within WINDOW_TRANSFER (its TRANSFER task, in its inbox with the due date); the
 * first-asked organisation is recorded on the case and keeps reading what it handed over (the case, its own
 * entries), not the other agencies' referrals (need to know).
 */
export async function handToWindow(ctx: Context, input: HandToWindowInput): Promise<Case> {
  const { em, principal } = ctx;
  const jurisdictionCode = assertJurisdictionCode('input.jurisdictionCode', input.jurisdictionCode);
  const windowId = assertId('input.windowOrganisationId', input.windowOrganisationId);
  const householdId = assertId('input.householdId', input.householdId);
  const summary = requiredText('input.summary', input.summary, 2000, 'A summary');
  const receivedOn = stepDate('input.receivedOn', input.receivedOn);
  const priorityGroups = [...new Set(input.priorityGroups ?? [])];
  // The jurisdiction is the caller's, or the one its own lies in: a village committee hands its village's family to
  // the township's window (周政办字〔2017〕70号 四(一): 依靠村（社区）… 各学校、幼儿园、医疗机构都要肩负起主动发现责任).
  requirePermission(principal, 'cases:write');
  const inside = principal.jurisdictionCode?.startsWith(codePrefix(jurisdictionCode)) ?? false;
  if (!inside) requirePermission(principal, 'cases:write', jurisdictionCode);
  const asked = principal.organisationId;
  if (!asked) throw forbidden('Only a member of an organisation hands a request to the window', { field: 'input' });
  if (asked === windowId) {
    throw badInput(
      'input.windowOrganisationId',
      'The window itself registers the request: openCase WINDOW_APPLICATION',
    );
  }
  const { idempotencyKey, ...sent } = input;
  const previous = await previousCreate(em, 'handToWindow', idempotencyKey, sent);
  if (previous) return getCase(em, previous);
  // The window's kind and the transfer's working days, asked of organisations at once.
  await requestDeadlines(ctx).prefetch(jurisdictionCode, receivedOn, [DeadlineRule.WINDOW_TRANSFER], windowId);
  if (!WINDOW_KINDS.includes(await organisationKind(ctx, windowId))) {
    throw badInput('input.windowOrganisationId', 'Hand the request to a township government’s or civil-affairs window');
  }
  const facts = await familyFacts(ctx, householdId, receivedOn);
  const due = await requestDeadlines(ctx).due(jurisdictionCode, DeadlineRule.WINDOW_TRANSFER, receivedOn);
  return createOnce(
    em,
    'handToWindow',
    idempotencyKey,
    sent,
    async (tx) => {
      const created = Object.assign(new Case(), factsOf(facts, priorityGroups), {
        householdId,
        channel: CaseChannel.WINDOW_APPLICATION,
        stage: CaseStage.REGISTERED,
        summary,
        jurisdictionCode,
        receivedOn,
        priorityGroups,
        leadOrganisationId: windowId,
        windowOrganisationId: windowId,
        firstQuestionOrganisationId: asked,
        atWindow: true,
      });
      tx.persist(created);
      openTask(tx, created.id, TaskKind.TRANSFER, windowId, due);
      recordEvent(tx, principal, {
        caseId: created.id,
        kind: 'HANDED_TO_WINDOW',
        on: receivedOn,
        summary: 'Handed to the intake window by the organisation first asked (首问负责制)',
      });
      return created;
    },
    (fresh, id) => getCase(fresh, id),
  );
}
