import type { Viewer } from '../../auth/auth-provider';
import { execute } from '../../data/client';
import { today } from '../../format';
import type { CaseRecord, CaseReferral } from '../data';
import { DECLINE_REASONS, NOTICE_OUTCOMES } from '../enums';
import * as M from './documents';
import { given, lines, type Step } from './step';
import { RECEIVED, leads, mine, oversees, simple, stepDate } from './who';

/** A referral's steps: the receiver's (accept, decline, forward, conclude, answer) and the sender's receipt. */
export function referralSteps(referral: CaseReferral, found: CaseRecord, viewer: Viewer): Step[] {
  if (!viewer.permissions.includes('CASES_WRITE')) return [];
  const over = oversees(viewer, found);
  const receiver = over || mine(viewer, referral.toOrganisation.id);
  const sender = over || mine(viewer, referral.fromOrganisation.id);
  const input = { referralId: referral.id, version: referral.version };
  const steps: Step[] = [];
  const waiting = referral.status === 'SENT' || referral.status === 'ACCEPTED';
  if (receiver && referral.status === 'SENT') {
    steps.push(
      simple(
        'acceptReferral',
        (v) => execute(M.ACCEPT_REFERRAL, { input: { ...input, acceptedOn: given(v.acceptedOn) } }),
        [stepDate('acceptedOn')],
      ),
    );
  }
  if (receiver && waiting) {
    steps.push(
      simple(
        'answerReferral',
        (v) =>
          execute(M.ANSWER_REFERRAL, {
            input: {
              ...input,
              measuresTaken: lines(v.measuresTaken),
              refusalReason: given(v.refusalReason),
              confidentialNote: given(v.confidentialNote),
              answeredOn: given(v.answeredOn),
            },
          }),
        [
          { name: 'measuresTaken', kind: 'lines', max: 50 },
          { name: 'refusalReason', kind: 'multiline', max: 4000 },
          { name: 'confidentialNote', kind: 'multiline', max: 4000 },
          stepDate('answeredOn'),
        ],
      ),
      simple(
        'declineReferral',
        (v) =>
          execute(M.DECLINE_REFERRAL, {
            input: {
              ...input,
              reason: v.reason as never,
              explanation: String(v.explanation ?? ''),
              declinedOn: given(v.declinedOn),
            },
          }),
        [
          { name: 'reason', kind: 'select', required: true, choices: DECLINE_REASONS, enumName: 'DeclineReason' },
          { name: 'explanation', kind: 'multiline', required: true, max: 4000 },
          stepDate('declinedOn'),
        ],
      ),
      simple(
        'forwardReferral',
        (v) =>
          execute(M.FORWARD_REFERRAL, {
            input: {
              ...input,
              toOrganisationId: String(v.toOrganisationId),
              reason: given(v.reason),
              forwardedOn: given(v.forwardedOn),
            },
          }),
        [
          { name: 'toOrganisationId', kind: 'organisation', required: true },
          { name: 'reason', kind: 'multiline', max: 2000 },
          stepDate('forwardedOn'),
        ],
      ),
    );
  }
  // 晋检发办字〔2023〕10号 第二十一条: a judicial-procedure referral, once accepted, is concluded before it reports back.
  const judicial = found.channel === 'JUDICIAL_ASSISTANCE' || referral.toOrganisation.kind === 'PROCURATORATE';
  if (receiver && judicial && referral.status === 'ACCEPTED' && !referral.concludedOn) {
    steps.push(
      simple(
        'concludeReferral',
        (v) => execute(M.CONCLUDE_REFERRAL, { input: { ...input, concludedOn: given(v.concludedOn) } }),
        [stepDate('concludedOn')],
      ),
    );
  }
  if (sender && (referral.status === 'ANSWERED' || referral.status === 'DECLINED')) {
    steps.push(
      simple(
        'acknowledgeReceipt',
        (v) => execute(M.ACKNOWLEDGE_RECEIPT, { input: { ...input, receivedOn: given(v.receivedOn) } }),
        [stepDate('receivedOn', RECEIVED)],
      ),
    );
  }
  return steps;
}

type FollowUpRecord = CaseRecord['followUps'][number];
type NoticeRecord = CaseRecord['notices'][number];

export function followUpSteps(followUp: FollowUpRecord, found: CaseRecord, viewer: Viewer): Step[] {
  if (!viewer.permissions.includes('CASES_WRITE') || followUp.visitedOn) return [];
  if (!oversees(viewer, found) && !mine(viewer, followUp.organisation.id, found.leadOrganisation.id)) return [];
  return [
    simple(
      'recordFollowUp',
      (v) =>
        execute(M.RECORD_FOLLOW_UP, {
          input: {
            followUpId: followUp.id,
            outcome: String(v.outcome ?? ''),
            needsMoreHelp: !!v.needsMoreHelp,
            visitedOn: given(v.visitedOn),
          },
        }),
      [
        { name: 'outcome', kind: 'multiline', required: true, max: 4000 },
        { name: 'needsMoreHelp', kind: 'boolean', defaultValue: false },
        stepDate('visitedOn'),
      ],
    ),
  ];
}

/** Objections only during the notice (startsOn to endsOn); closing only after its last day. */
export function noticeSteps(notice: NoticeRecord, found: CaseRecord, viewer: Viewer): Step[] {
  if (!viewer.permissions.includes('CASES_WRITE') || notice.outcome || !leads(viewer, found)) return [];
  const now = today();
  const steps: Step[] = [];
  if (notice.startsOn <= now && now <= notice.endsOn) {
    steps.push(
      simple(
        'recordObjection',
        (v) =>
          execute(M.RECORD_OBJECTION, {
            input: { noticeId: notice.id, content: String(v.content ?? ''), receivedOn: given(v.receivedOn) },
          }),
        [{ name: 'content', kind: 'multiline', required: true, max: 4000 }, stepDate('receivedOn', RECEIVED)],
      ),
    );
  }
  if (now > notice.endsOn) {
    steps.push(
      simple(
        'closePublicNotice',
        (v) =>
          execute(M.CLOSE_PUBLIC_NOTICE, {
            input: { noticeId: notice.id, outcome: v.outcome as never, closedOn: given(v.closedOn) },
          }),
        [
          {
            name: 'outcome',
            kind: 'select',
            required: true,
            // The API refuses NO_OBJECTION when objections were recorded, and the others without any.
            choices: notice.objections.length ? NOTICE_OUTCOMES.slice(1) : NOTICE_OUTCOMES.slice(0, 1),
            enumName: 'NoticeOutcome',
          },
          stepDate('closedOn'),
        ],
      ),
    );
  }
  return steps;
}
