import type { EntityManager } from '@mikro-orm/postgresql';
import { assertId, can, codePrefix, forbidden, invalidState, requiredText, type Principal } from '@doudi/shared';
import { CaseChannel, CaseStage, CaseStatus, LEAD_CHANNELS, WINDOW_CHANNELS } from './case.enums.js';
import type { Case } from './case.entity.js';
import { assertMayAct } from './case.access.js';
import { assertChannel, assertOpen, assertStage, caseStep, stepDate } from './case.step.js';
import type {
  AssignLeadInput,
  BringToWindowInput,
  CloseCaseInput,
  CompleteReferralsInput,
  ConcludeCaseInput,
  ConcludeInvestigationInput,
  ReportToLeadInput,
  SubmitForReviewInput,
} from './case-steps.inputs.js';
import { TaskKind, TaskStatus } from '../task/task.entity.js';
import { finishTasks, hasOpenTask, openTask } from '../task/task.service.js';
import { recordEvent } from '../timeline/timeline.service.js';
import { requestDeadlines, type Due } from '../deadline/deadline.service.js';
import { DeadlineRule } from '../deadline/deadline.rules.js';
import { Referral } from '../referral/referral.entity.js';
import { OPEN_REFERRAL_STATUSES } from '../referral/referral.enums.js';
import { organisationKind } from '../remote/organisations.js';
import { familyFacts } from './case.household.js';
import { archiveCaseDocuments } from '../document/document.service.js';
import type { Context } from '../context.js';

const dueFrom = (ctx: Context, found: Case, rule: DeadlineRule, from: string) =>
  requestDeadlines(ctx).due(found.jurisdictionCode, rule, from);

/** The organisation kind every rural non-natural-death family's referrals must reach. */
export const RURAL_AFFAIRS_KIND = 'AGRICULTURE_RURAL';

/**
 * Whether the family of a non-natural-death case is rural, read again from households as the caller (its 户口性质
 * may have been corrected since the case was opened); what the case recorded when the caller may not read it.
 */
async function ruralDeathCase(ctx: Context, found: Case): Promise<boolean> {
  if (found.channel !== CaseChannel.NON_NATURAL_DEATH) return false;
  const facts = await familyFacts(ctx, found.householdId, found.receivedOn);
  const hukouType = facts.householdJurisdictionCode !== null ? facts.hukouType : found.hukouType;
  return hukouType === 'RURAL';
}

/**
 * 襄政办发〔2023〕26号 五(四)、七(三): for a rural family the lead department's referrals always include the agriculture
 * and rural-affairs bureau (农村家庭的，须推送至农业农村部门). Checked under the case's lock when the pushing of
 * referrals is completed and when the case is closed: INVALID_STATE naming the missing AGRICULTURE_RURAL referral.
 */
async function assertRuralAffairsReferred(ctx: Context, tx: EntityManager, found: Case, rural: boolean, step: string) {
  if (!rural) return;
  const referrals = await tx.find(Referral, { caseId: found.id });
  for (const referral of referrals) {
    const kind = referral.toOrganisationKind ?? (await organisationKind(ctx, referral.toOrganisationId));
    if (kind === RURAL_AFFAIRS_KIND) return;
  }
  throw invalidState(
    `The family is rural: before ${step}, refer it to the agriculture and rural-affairs bureau (AGRICULTURE_RURAL), ` +
      'as 襄政办发〔2023〕26号 五(四)、七(三) require; no referral to one was sent',
    { missingReferrals: [RURAL_AFFAIRS_KIND], rule: '襄政办发〔2023〕26号 五(四)、七(三)' },
  );
}

/**
 * Death case, VISITED → REPORTED: the station reported; the lead now has DEATH_CASE_REFERRALS to push referrals
 * (襄政办发〔2023〕26号 七(三): 收到派出所报送后7个工作日内完成推送).
 */
export function reportToLead(ctx: Context, input: ReportToLeadInput) {
  const reportedOn = stepDate('input.reportedOn', input.reportedOn);
  return caseStep<Due, Case>(ctx, input, {
    allow: (found) => assertMayAct(ctx.principal, found, [], 'the station’s report'),
    check: (found) => {
      assertChannel(found, 'reportToLead', CaseChannel.NON_NATURAL_DEATH);
      assertStage(found, 'reported to the lead', CaseStage.VISITED);
    },
    prepare: (found) => dueFrom(ctx, found, DeadlineRule.DEATH_CASE_REFERRALS, reportedOn),
    apply: async (tx, found, due) => {
      await finishTasks(tx, found.id, [TaskKind.STATION_REPORT], reportedOn);
      openTask(tx, found.id, TaskKind.PUSH_REFERRALS, found.leadOrganisationId, due);
      found.stage = CaseStage.REPORTED;
      recordEvent(tx, ctx.principal, {
        caseId: found.id,
        kind: 'REPORTED_TO_LEAD',
        on: reportedOn,
        summary: 'The station’s written record and the family’s referral request reached the lead department',
      });
      return found;
    },
  });
}

/**
 * Judicial case, INVESTIGATING → INVESTIGATION_CONCLUDED: referrals are due within JUDICIAL_TO_SOCIAL_REFERRAL
 * (晋检发办字〔2023〕10号 第十九条: 调查结束后五个工作日内移送).
 */
export function concludeInvestigation(ctx: Context, input: ConcludeInvestigationInput) {
  const concludedOn = stepDate('input.concludedOn', input.concludedOn);
  return caseStep<Due, Case>(ctx, input, {
    allow: (found) => assertMayAct(ctx.principal, found, [], 'the end of the investigation'),
    check: (found) => {
      assertChannel(found, 'concludeInvestigation', CaseChannel.JUDICIAL_ASSISTANCE);
      assertStage(found, 'concluded', CaseStage.INVESTIGATING);
    },
    prepare: (found) => dueFrom(ctx, found, DeadlineRule.JUDICIAL_TO_SOCIAL_REFERRAL, concludedOn),
    apply: async (tx, found, due) => {
      await finishTasks(tx, found.id, [TaskKind.CONCLUDE_INVESTIGATION], concludedOn);
      openTask(tx, found.id, TaskKind.PUSH_REFERRALS, found.leadOrganisationId, due);
      found.stage = CaseStage.INVESTIGATION_CONCLUDED;
      recordEvent(tx, ctx.principal, {
        caseId: found.id,
        kind: 'INVESTIGATION_CONCLUDED',
        on: concludedOn,
        summary: 'The investigation is concluded; referrals to the social agencies are due',
      });
      return found;
    },
  });
}

/**
 * HOTLINE, REGISTERED and not at the window: the applicant reached the window, which must transfer the request
 * (周政办字〔2017〕70号 四(四) 首问负责制: 不论问到谁，都要把急难申请人送到救助受理窗口).
 */
export function bringToWindow(ctx: Context, input: BringToWindowInput) {
  const broughtOn = stepDate('input.broughtOn', input.broughtOn);
  const windowId = assertId('input.windowOrganisationId', input.windowOrganisationId);
  return caseStep<Due, Case>(ctx, input, {
    allow: (found) =>
      assertMayAct(ctx.principal, found, [found.firstQuestionOrganisationId, windowId], 'the applicant to the window'),
    check: (found) => {
      assertChannel(found, 'bringToWindow', CaseChannel.HOTLINE);
      assertStage(found, 'brought to the window', CaseStage.REGISTERED);
      if (found.atWindow) throw invalidState('The applicant is at the window already');
    },
    prepare: (found) => dueFrom(ctx, found, DeadlineRule.WINDOW_TRANSFER, broughtOn),
    apply: async (tx, found, due) => {
      Object.assign(found, { atWindow: true, windowOrganisationId: windowId });
      openTask(tx, found.id, TaskKind.TRANSFER, windowId, due);
      recordEvent(tx, ctx.principal, {
        caseId: found.id,
        kind: 'BROUGHT_TO_WINDOW',
        on: broughtOn,
        summary: 'The applicant was brought to the intake window (首问负责制)',
      });
      return found;
    },
  });
}

/** Lead channels, LEAD → ASSIGNED: the township gives the lead to an office as a checklist item (河鱼府发【2021】39号 二(四)). */
export function assignLead(ctx: Context, input: AssignLeadInput) {
  const assignedOn = stepDate('input.assignedOn', input.assignedOn);
  const officeId = assertId('input.officeOrganisationId', input.officeOrganisationId);
  return caseStep<void, Case>(ctx, input, {
    allow: (found) => assertMayAct(ctx.principal, found, [], 'the assignment of a lead'),
    check: (found) => {
      assertChannel(found, 'assignLead', ...LEAD_CHANNELS);
      assertStage(found, 'assigned', CaseStage.LEAD);
    },
    apply: async (tx, found) => {
      await finishTasks(tx, found.id, [TaskKind.ASSIGN_LEAD], assignedOn);
      Object.assign(found, { stage: CaseStage.ASSIGNED, officeOrganisationId: officeId });
      recordEvent(tx, ctx.principal, {
        caseId: found.id,
        kind: 'LEAD_ASSIGNED',
        on: assignedOn,
        summary: 'The lead was assigned to an office (清单管理)',
      });
      return found;
    },
  });
}

/**
 * 河鱼府发【2021】39号 二(二): for a family living away from its hukou place (易地扶贫搬迁后居住地和户籍地分离), the place of
 * residence discovers (opens, assigns, visits) and the hukou place decides: the collective review that leads to the
 * decision is held by those overseeing the hukou place, never by the residence's township alone.
 */
function assertHukouPlaceReviews(principal: Principal, found: Case) {
  const hukou = found.householdJurisdictionCode;
  if (hukou === null || can(principal, 'cases:oversee', hukou)) return;
  if (hukou.startsWith(codePrefix(found.jurisdictionCode))) return;
  throw forbidden(
    `The family's hukou is in ${hukou}: the place of residence discovers and the hukou place decides ` +
      `(河鱼府发【2021】39号 二(二): 居住地负责主动发现，配合户籍地落实救助办理), so ${hukou} holds the review; refer the lead there`,
    { rule: '河鱼府发【2021】39号 二(二)', jurisdictionCode: hukou },
  );
}

/** Lead channels, VISITED → IN_REVIEW: the collective review (会审) concluded (河鱼府发【2021】39号 二(五): 集中研究会审). */
export function submitForReview(ctx: Context, input: SubmitForReviewInput) {
  const reviewedOn = stepDate('input.reviewedOn', input.reviewedOn);
  const conclusion = requiredText('input.conclusion', input.conclusion, 4000, 'The review’s conclusion');
  return caseStep<void, Case>(ctx, input, {
    allow: (found) => {
      assertMayAct(ctx.principal, found, [], 'the collective review');
      assertHukouPlaceReviews(ctx.principal, found);
    },
    check: (found) => {
      assertChannel(found, 'submitForReview', ...LEAD_CHANNELS);
      assertStage(found, 'reviewed', CaseStage.VISITED);
    },
    apply: async (tx, found) => {
      Object.assign(found, { stage: CaseStage.IN_REVIEW, reviewedOn, reviewConclusion: conclusion });
      recordEvent(tx, ctx.principal, {
        caseId: found.id,
        kind: 'REVIEW_SUBMITTED',
        on: reviewedOn,
        summary: 'Collective review (会审) held',
      });
      return found;
    },
  });
}

/** The lead has pushed its referrals (襄政办发〔2023〕26号 七(三), 晋检发办字〔2023〕10号 第十九条): PUSH_REFERRALS is done, and a case with referrals is REFERRED. */
export function completeReferrals(ctx: Context, input: CompleteReferralsInput) {
  const completedOn = stepDate('input.completedOn', input.completedOn);
  return caseStep<boolean, Case>(ctx, input, {
    allow: (found) => assertMayAct(ctx.principal, found, [], 'the end of the referrals'),
    check: assertOpen,
    prepare: (found) => ruralDeathCase(ctx, found),
    apply: async (tx, found, rural) => {
      if (!(await hasOpenTask(tx, found.id, TaskKind.PUSH_REFERRALS))) {
        throw invalidState('There is no open PUSH_REFERRALS task on this case', { stage: found.stage });
      }
      await assertRuralAffairsReferred(ctx, tx, found, rural, 'completing the referrals');
      await finishTasks(tx, found.id, [TaskKind.PUSH_REFERRALS], completedOn);
      const pushing = [CaseStage.REPORTED, CaseStage.INVESTIGATION_CONCLUDED].includes(found.stage);
      if (pushing && (await tx.count(Referral, { caseId: found.id }))) found.stage = CaseStage.REFERRED;
      recordEvent(tx, ctx.principal, {
        caseId: found.id,
        kind: 'REFERRALS_COMPLETED',
        on: completedOn,
        summary: 'The lead pushed every referral it will make',
      });
      return found;
    },
  });
}

/**
 * Window and hotline, TRANSFERRED → CONCLUDED (办结; 周政办字〔2017〕70号 四(二): 受理、转办、落实、登记, 四(四) 限时办结): refused with
 * INVALID_STATE naming the transfers (openTransfers) while a department it was transferred to has not answered.
 */
export function concludeCase(ctx: Context, input: ConcludeCaseInput) {
  const concludedOn = stepDate('input.concludedOn', input.concludedOn);
  return caseStep<void, Case>(ctx, input, {
    allow: (found) => assertMayAct(ctx.principal, found, [found.windowOrganisationId], 'the conclusion (办结)'),
    check: (found) => {
      assertChannel(found, 'concludeCase', ...WINDOW_CHANNELS);
      assertStage(found, 'concluded', CaseStage.TRANSFERRED);
    },
    apply: async (tx, found) => {
      // 周政办字〔2017〕70号 四(二)(四): a request is concluded (办结) once every department it was transferred to answered.
      const waiting = await tx.find(
        Referral,
        { caseId: found.id, status: { $in: [...OPEN_REFERRAL_STATUSES] } },
        { orderBy: { sentOn: 'asc', id: 'asc' } },
      );
      if (waiting.length) {
        throw invalidState(
          `${waiting.length} transfer(s) (转办) of this request are not answered yet; conclude it (办结) once every ` +
            'department has answered (周政办字〔2017〕70号 四(二)(四))',
          {
            openTransfers: waiting.map((r) => ({
              referralId: r.id,
              toOrganisationId: r.toOrganisationId,
              status: r.status,
              dueDate: r.dueDate,
            })),
          },
        );
      }
      await finishTasks(tx, found.id, [TaskKind.CONCLUDE], concludedOn);
      Object.assign(found, { stage: CaseStage.CONCLUDED, concludedOn });
      recordEvent(tx, ctx.principal, {
        caseId: found.id,
        kind: 'CASE_CONCLUDED',
        on: concludedOn,
        summary: 'The request was concluded (办结)',
      });
      return found;
    },
  });
}

/**
 * Closes the case once no referral is waiting for its receiver (and, for a rural non-natural-death family, once the
 * agriculture and rural-affairs bureau was referred, 襄政办发〔2023〕26号 五(四)、七(三)); open tasks are cancelled.
 */
export function closeCase(ctx: Context, input: CloseCaseInput) {
  const closedOn = stepDate('input.closedOn', input.closedOn);
  const reason = requiredText('input.reason', input.reason, 2000, 'A reason');
  return caseStep<boolean, Case>(ctx, input, {
    allow: (found) => assertMayAct(ctx.principal, found, [], 'the closing of the case'),
    check: assertOpen,
    prepare: (found) => ruralDeathCase(ctx, found),
    apply: async (tx, found, rural) => {
      await assertRuralAffairsReferred(ctx, tx, found, rural, 'closing the case');
      const waiting = await tx.count(Referral, { caseId: found.id, status: { $in: [...OPEN_REFERRAL_STATUSES] } });
      if (waiting) {
        throw invalidState(`${waiting} referral(s) of this case are still SENT or ACCEPTED; close it once answered`, {
          openReferrals: waiting,
        });
      }
      await finishTasks(tx, found.id, 'ALL', closedOn, TaskStatus.CANCELLED);
      Object.assign(found, { status: CaseStatus.CLOSED, stage: CaseStage.CLOSED, closedOn, closeReason: reason });
      // 归档 (晋检发办字〔2023〕10号 第二十四条): the case's documents become read-only with it.
      await archiveCaseDocuments(tx, found.id);
      recordEvent(tx, ctx.principal, { caseId: found.id, kind: 'CASE_CLOSED', on: closedOn, summary: reason });
      return found;
    },
  });
}
