import type { Viewer } from '../../auth/auth-provider';
import { execute } from '../../data/client';
import { today } from '../../format';
import type { CaseRecord } from '../data';
import { LIFE_AREAS, REFERRAL_KINDS } from '../enums';
import * as M from './documents';
import { given, lines, type Step, type StepField } from './step';
import { leads, mine, oversees, simple, stepDate } from './who';

const caseInput = (found: CaseRecord) => ({ caseId: found.id, version: found.version });

function referralStep(found: CaseRecord, viewer: Viewer): Step {
  const judicialEarly = found.channel === 'JUDICIAL_ASSISTANCE' && found.stage === 'INVESTIGATING';
  const fields: StepField[] = [
    { name: 'toOrganisationId', kind: 'organisation', required: true },
    { name: 'kind', kind: 'select', required: true, choices: REFERRAL_KINDS, enumName: 'ReferralKind' },
    { name: 'requestedMeasures', kind: 'lines', max: 50 },
    { name: 'note', kind: 'multiline', max: 2000 },
    stepDate('sentOn'),
    { name: 'emergency', kind: 'boolean', defaultValue: false },
  ];
  // 晋检发办字〔2023〕10号 第十九条: before the investigation ends, only with a stated reason.
  if (judicialEarly) fields.push({ name: 'early.reason', kind: 'multiline', required: true, max: 2000 });
  return {
    id: found.stage === 'REGISTERED' ? 'transfer' : 'createReferral',
    fields,
    run: (v, key) =>
      execute(M.CREATE_REFERRAL, {
        input: {
          caseId: found.id,
          fromOrganisationId: viewer.organisation?.id ?? found.leadOrganisation.id,
          toOrganisationId: String(v.toOrganisationId),
          kind: v.kind as never,
          requestedMeasures: lines(v.requestedMeasures),
          note: given(v.note),
          sentOn: given(v.sentOn),
          emergency: !!v.emergency,
          early: judicialEarly ? { reason: String((v.early as { reason?: string })?.reason ?? '') } : undefined,
          idempotencyKey: key,
        },
      }),
  };
}

function visitStep(found: CaseRecord, viewer: Viewer): Step {
  // 襄政办发〔2023〕26号 七(二): a death case's visit records all six areas; other visits the areas looked at.
  const allAreas = found.channel === 'NON_NATURAL_DEATH';
  let sent: number[] = [];
  return {
    id: 'recordVisit',
    visit: { allAreas },
    fields: [
      stepDate('visitedOn'),
      { name: 'referralRequested', kind: 'boolean', defaultValue: false },
      { name: 'requestedKinds', kind: 'multiselect', choices: REFERRAL_KINDS, enumName: 'ReferralKind' },
      { name: 'note', kind: 'multiline', max: 4000 },
    ],
    run: (v, key) => {
      const findings = (v.findings as { situation?: string; needsHelp?: boolean }[] | undefined) ?? [];
      sent = LIFE_AREAS.map((_, i) => i).filter((i) => given(findings[i]?.situation));
      const requested = !!v.referralRequested;
      return execute(M.RECORD_VISIT, {
        input: {
          caseId: found.id,
          visitedOn: given(v.visitedOn),
          visitorOrganisationIds: viewer.organisation ? [viewer.organisation.id] : [],
          findings: sent.map((i) => ({
            area: LIFE_AREAS[i],
            situation: given(findings[i].situation)!,
            needsHelp: !!findings[i].needsHelp,
          })),
          referralRequested: requested,
          requestedKinds: requested ? ((v.requestedKinds as never[]) ?? []) : [],
          note: given(v.note),
          idempotencyKey: key,
        },
      });
    },
    // The API numbers the areas sent; the form holds all six.
    formField: (field) => field.replace(/^findings\.(\d+)/, (_, i: string) => `findings.${sent[Number(i)] ?? i}`),
  };
}

/** The steps on the case itself that its channel, stage and the caller's part in it allow now. */
export function caseSteps(found: CaseRecord, viewer: Viewer): Step[] {
  if (found.status !== 'OPEN' || !viewer.permissions.includes('CASES_WRITE')) return [];
  const steps: Step[] = [];
  const lead = leads(viewer, found);
  const waiting = found.referrals.nodes.some((r) => r.status === 'SENT' || r.status === 'ACCEPTED');
  const pushOpen = found.tasks.some((t) => t.kind === 'PUSH_REFERRALS' && t.status === 'OPEN');
  const runningNotice = found.notices.some((n) => !n.outcome);
  const at = (...stages: string[]) => stages.includes(found.stage);
  const window = found.channel === 'WINDOW_APPLICATION' || found.channel === 'HOTLINE';
  const leadChannel = found.channel === 'VILLAGE_DISCOVERY' || found.channel === 'DATA_COMPARISON';
  // 先行救助 (晋检发办字〔2023〕10号 第二十条): the procuratorate leading a judicial-assistance case, or the receiver of
  // an emergency referral, pays first; the API checks the caps and refuses beyond them.
  const payer =
    found.channel === 'JUDICIAL_ASSISTANCE'
      ? lead
      : found.referrals.nodes.some(
          (r) => r.emergency && (oversees(viewer, found) || mine(viewer, r.toOrganisation.id)),
        );
  if (payer) steps.push(emergencyPaymentStep(found));
  if (!lead) {
    // 首问负责制: the organisation first asked brings the applicant to the window.
    if (found.channel === 'HOTLINE' && !found.atWindow && mine(viewer, found.firstQuestionOrganisation?.id)) {
      steps.push(bringToWindow(found));
    }
    return steps;
  }
  if (found.channel === 'HOTLINE' && !found.atWindow) steps.push(bringToWindow(found));
  const visitNow =
    (found.channel === 'NON_NATURAL_DEATH' && at('LETTER_RECEIVED')) ||
    (leadChannel && at('ASSIGNED')) ||
    (window && found.atWindow) ||
    found.channel === 'JUDICIAL_ASSISTANCE';
  if (visitNow) steps.push(visitStep(found, viewer));
  if (found.channel === 'NON_NATURAL_DEATH' && at('VISITED')) {
    steps.push(
      simple(
        'reportToLead',
        (v) => execute(M.REPORT_TO_LEAD, { input: { ...caseInput(found), reportedOn: given(v.reportedOn) } }),
        [stepDate('reportedOn')],
      ),
    );
  }
  if (found.channel === 'JUDICIAL_ASSISTANCE' && at('INVESTIGATING')) {
    steps.push(
      simple(
        'concludeInvestigation',
        (v) => execute(M.CONCLUDE_INVESTIGATION, { input: { ...caseInput(found), concludedOn: given(v.concludedOn) } }),
        [stepDate('concludedOn')],
      ),
    );
  }
  if (leadChannel && at('LEAD')) {
    steps.push(
      simple(
        'assignLead',
        (v) =>
          execute(M.ASSIGN_LEAD, {
            input: {
              ...caseInput(found),
              officeOrganisationId: String(v.officeOrganisationId),
              assignedOn: given(v.assignedOn),
            },
          }),
        [{ name: 'officeOrganisationId', kind: 'organisation', required: true }, stepDate('assignedOn')],
      ),
    );
  }
  if (leadChannel && at('VISITED')) {
    steps.push(
      simple(
        'submitForReview',
        (v) =>
          execute(M.SUBMIT_FOR_REVIEW, {
            input: { ...caseInput(found), conclusion: String(v.conclusion ?? ''), reviewedOn: given(v.reviewedOn) },
          }),
        [{ name: 'conclusion', kind: 'multiline', required: true, max: 4000 }, stepDate('reviewedOn')],
      ),
    );
  }
  const referNow =
    !(window && !found.atWindow) && !(leadChannel && at('LEAD', 'ASSIGNED', 'VISITED', 'IN_REVIEW', 'IN_NOTICE'));
  if (referNow) steps.push(referralStep(found, viewer));
  if (pushOpen) {
    steps.push(
      simple(
        'completeReferrals',
        (v) => execute(M.COMPLETE_REFERRALS, { input: { ...caseInput(found), completedOn: given(v.completedOn) } }),
        [stepDate('completedOn')],
      ),
    );
  }
  // 公示: a lead case after its collective review; any other case for a decision that needs it, one at a time.
  if (!runningNotice && (leadChannel ? at('IN_REVIEW') : true)) steps.push(noticeStep(found));
  steps.push(followUpStep(found));
  if (window && at('TRANSFERRED') && !waiting) {
    steps.push(
      simple(
        'concludeCase',
        (v) => execute(M.CONCLUDE_CASE, { input: { ...caseInput(found), concludedOn: given(v.concludedOn) } }),
        [stepDate('concludedOn')],
      ),
    );
  }
  // The API refuses to close while a referral waits for its answer (INVALID_STATE): not offered then.
  if (!waiting) {
    steps.push(
      simple(
        'closeCase',
        (v) =>
          execute(M.CLOSE_CASE, {
            input: { ...caseInput(found), reason: String(v.reason ?? ''), closedOn: given(v.closedOn) },
          }),
        [{ name: 'reason', kind: 'multiline', required: true, max: 2000 }, stepDate('closedOn')],
      ),
    );
  }
  return steps;
}

function bringToWindow(found: CaseRecord): Step {
  return simple(
    'bringToWindow',
    (v) =>
      execute(M.BRING_TO_WINDOW, {
        input: {
          ...caseInput(found),
          windowOrganisationId: String(v.windowOrganisationId),
          broughtOn: given(v.broughtOn),
        },
      }),
    [{ name: 'windowOrganisationId', kind: 'organisation', required: true }, stepDate('broughtOn')],
  );
}

function noticeStep(found: CaseRecord): Step {
  return simple(
    'startPublicNotice',
    (v, key) =>
      execute(M.START_PUBLIC_NOTICE, {
        input: {
          ...caseInput(found),
          content: String(v.content ?? ''),
          days: Number(v.days),
          startsOn: given(v.startsOn),
          idempotencyKey: key,
        },
      }),
    [
      { name: 'content', kind: 'multiline', required: true, max: 4000 },
      { name: 'days', kind: 'number', required: true, min: 1, max: 60, defaultValue: 7 },
      { name: 'startsOn', kind: 'date', defaultValue: today() },
    ],
  );
}

function followUpStep(found: CaseRecord): Step {
  return simple(
    'scheduleFollowUp',
    (v, key) =>
      execute(M.SCHEDULE_FOLLOW_UP, {
        input: {
          caseId: found.id,
          organisationId: String(v.organisationId),
          dueOn: String(v.dueOn),
          idempotencyKey: key,
        },
      }),
    [
      { name: 'organisationId', kind: 'organisation', required: true },
      { name: 'dueOn', kind: 'date', required: true },
    ],
  );
}

function emergencyPaymentStep(found: CaseRecord): Step {
  return simple(
    'recordEmergencyPayment',
    (v, key) =>
      execute(M.RECORD_EMERGENCY_PAYMENT, {
        input: {
          caseId: found.id,
          amount: String(v.amount ?? '').trim(),
          paidOn: given(v.paidOn),
          paperworkDueOn: given(v.paperworkDueOn),
          idempotencyKey: key,
        },
      }),
    [
      { name: 'amount', kind: 'text', required: true, max: 20 },
      stepDate('paidOn'),
      { name: 'paperworkDueOn', kind: 'date' },
    ],
  );
}
