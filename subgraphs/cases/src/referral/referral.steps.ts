import { assertId, badInput, invalidState, requiredText } from '@doudi/shared';
import { Referral } from './referral.entity.js';
import { ReferralStatus } from './referral.enums.js';
import { assertReceiver, assertSender, assertStatus, referralStep } from './referral.step.js';
import { referralDue } from './referral.due.js';
import { publishReferralStep } from './referral.published.js';
import { textList } from './referral.service.js';
import type {
  AcceptReferralInput,
  AcknowledgeReceiptInput,
  AnswerReferralInput,
  ConcludeReferralInput,
  DeclineReferralInput,
  ForwardReferralInput,
} from './referral-steps.inputs.js';
import { assertOpen, stepDate } from '../case/case.step.js';
import { recordEvent } from '../timeline/timeline.service.js';
import { requestDeadlines, type Due } from '../deadline/deadline.service.js';
import { DeadlineRule } from '../deadline/deadline.rules.js';
import type { Context } from '../context.js';

const { SENT, ACCEPTED, ANSWERED, DECLINED } = ReferralStatus;

/**
 * The receiver starts its procedure (晋检发办字〔2023〕10号 第二十一条: 五个工作日内启动); a judicial-assistance referral then has
 * no due date until it concludes.
 */
export function acceptReferral(ctx: Context, input: AcceptReferralInput) {
  const acceptedOn = stepDate('input.acceptedOn', input.acceptedOn);
  return referralStep<void, Referral>(ctx, input, {
    allow: (referral, found) => assertReceiver(ctx.principal, referral, found),
    check: (referral) => assertStatus(referral, 'accepted', SENT),
    apply: async (tx, referral) => {
      Object.assign(referral, { status: ACCEPTED, acceptedOn });
      if (referral.procedure) Object.assign(referral, { dueDate: null, dueRule: null, dueDateWarning: null });
      recordEvent(tx, ctx.principal, {
        caseId: referral.caseId,
        kind: 'REFERRAL_ACCEPTED',
        on: acceptedOn,
        summary: 'The receiver started its procedure',
        referralId: referral.id,
      });
      return referral;
    },
  });
}

/** The receiver refuses with one of the reasons of 晋检发办字〔2023〕10号 第六条 (or a general one): that is its answer. */
export function declineReferral(ctx: Context, input: DeclineReferralInput) {
  const declinedOn = stepDate('input.declinedOn', input.declinedOn);
  const explanation = requiredText('input.explanation', input.explanation, 4000, 'An explanation');
  return referralStep<void, Referral>(ctx, input, {
    allow: (referral, found) => assertReceiver(ctx.principal, referral, found),
    check: (referral) => assertStatus(referral, 'declined', SENT, ACCEPTED),
    apply: async (tx, referral) => {
      const previous = referral.status;
      Object.assign(referral, {
        status: DECLINED,
        declinedOn,
        declineReason: input.reason,
        declineExplanation: explanation,
      });
      recordEvent(tx, ctx.principal, {
        caseId: referral.caseId,
        kind: 'REFERRAL_DECLINED',
        on: declinedOn,
        summary: `Declined: ${input.reason}`,
        referralId: referral.id,
      });
      publishReferralStep(tx, 'referral.declined', referral, previous);
      return referral;
    },
  });
}

/**
 * The receiver passes it on (襄政办发〔2023〕26号 七(四): 认为应由异地对口单位实施救助的，应积极协调管辖地救助单位实施救助):
 * the original is FORWARDED and a new referral, from the receiver, is due afresh.
 */
export function forwardReferral(ctx: Context, input: ForwardReferralInput) {
  const forwardedOn = stepDate('input.forwardedOn', input.forwardedOn);
  const toOrganisationId = assertId('input.toOrganisationId', input.toOrganisationId);
  const reason = input.reason?.trim() || null;
  if (reason && reason.length > 2000) throw badInput('input.reason', 'A reason is at most 2000 characters');
  return referralStep<{ due: Due; procedure: boolean; receiverKind: string }, Referral>(ctx, input, {
    allow: (referral, found) => assertReceiver(ctx.principal, referral, found),
    check: (referral, found) => {
      assertOpen(found);
      assertStatus(referral, 'forwarded', SENT, ACCEPTED);
      if ([referral.toOrganisationId, referral.fromOrganisationId].includes(toOrganisationId)) {
        throw badInput('input.toOrganisationId', 'Forward it to another organisation than its sender or receiver');
      }
    },
    prepare: (_referral, found) => referralDue(ctx, found, toOrganisationId, forwardedOn),
    apply: async (tx, referral, _found, { due, procedure, receiverKind }) => {
      const onward = Object.assign(new Referral(), {
        toOrganisationKind: receiverKind,
        caseId: referral.caseId,
        fromOrganisationId: referral.toOrganisationId,
        toOrganisationId,
        kind: referral.kind,
        requestedMeasures: [...referral.requestedMeasures],
        note: referral.note,
        sentOn: forwardedOn,
        emergency: referral.emergency,
        forwardedFromId: referral.id,
        procedure,
        ...due,
      });
      tx.persist(onward);
      const previous = referral.status;
      Object.assign(referral, {
        status: ReferralStatus.FORWARDED,
        forwardedToId: onward.id,
        forwardedOn,
        forwardReason: reason,
      });
      recordEvent(tx, ctx.principal, {
        caseId: referral.caseId,
        kind: 'REFERRAL_FORWARDED',
        on: forwardedOn,
        summary: `Forwarded to another organisation${reason ? `: ${reason}` : ''}`,
        referralId: referral.id,
      });
      publishReferralStep(tx, 'referral.forwarded', referral, previous, {
        forwardedToOrganisationId: toOrganisationId,
      });
      publishReferralStep(tx, 'referral.sent', onward, null);
      return referral;
    },
  });
}

/** 晋检发办字〔2023〕10号 第二十一条: the receiver concluded its procedure; it reports back within RECEIVER_REPORTS_BACK. */
export function concludeReferral(ctx: Context, input: ConcludeReferralInput) {
  const concludedOn = stepDate('input.concludedOn', input.concludedOn);
  return referralStep<Due, Referral>(ctx, input, {
    allow: (referral, found) => assertReceiver(ctx.principal, referral, found),
    check: (referral) => {
      assertStatus(referral, 'concluded', ACCEPTED);
      if (!referral.procedure) {
        throw invalidState('Only a judicial-assistance referral concludes a procedure; answer this one instead');
      }
      if (referral.concludedOn) throw invalidState(`The procedure was concluded on ${referral.concludedOn}`);
    },
    prepare: (_referral, found) =>
      requestDeadlines(ctx).due(found.jurisdictionCode, DeadlineRule.RECEIVER_REPORTS_BACK, concludedOn),
    apply: async (tx, referral, _found, due) => {
      Object.assign(referral, { concludedOn, ...due });
      recordEvent(tx, ctx.principal, {
        caseId: referral.caseId,
        kind: 'REFERRAL_CONCLUDED',
        on: concludedOn,
        summary: 'The receiver concluded its procedure; its report back is due',
        referralId: referral.id,
      });
      return referral;
    },
  });
}

/** The receiver's written answer (襄政办发〔2023〕26号 七(五) 书面函复): the measures taken or planned, or why help was refused. */
export function answerReferral(ctx: Context, input: AnswerReferralInput) {
  const answeredOn = stepDate('input.answeredOn', input.answeredOn);
  const measuresTaken = textList('input.measuresTaken', input.measuresTaken);
  const refusalReason = input.refusalReason?.trim() || null;
  if (!measuresTaken.length && !refusalReason) {
    throw badInput('input.measuresTaken', 'Name the measures taken or planned, or give the reason for refusing');
  }
  if (refusalReason && refusalReason.length > 4000) throw badInput('input.refusalReason', 'At most 4000 characters');
  const confidentialNote = input.confidentialNote?.trim() || null;
  if (confidentialNote && confidentialNote.length > 4000) {
    throw badInput('input.confidentialNote', 'At most 4000 characters');
  }
  const benefitIds = (input.benefitIds ?? []).map((id) => assertId('input.benefitIds', id));
  return referralStep<void, Referral>(ctx, input, {
    allow: (referral, found) => assertReceiver(ctx.principal, referral, found),
    check: (referral) => assertStatus(referral, 'answered', SENT, ACCEPTED),
    apply: async (tx, referral) => {
      const previous = referral.status;
      Object.assign(referral, {
        status: ANSWERED,
        answeredOn,
        measuresTaken,
        refusalReason,
        benefitIds: [...new Set(benefitIds)],
        confidentialNote,
      });
      recordEvent(tx, ctx.principal, {
        caseId: referral.caseId,
        kind: 'REFERRAL_ANSWERED',
        on: answeredOn,
        summary: `Answered in writing: ${measuresTaken.length} measure(s)${refusalReason ? ', some help refused' : ''}`,
        referralId: referral.id,
      });
      publishReferralStep(tx, 'referral.answered', referral, previous);
      return referral;
    },
  });
}

/** The sender filed the answer or the refusal (回执, 襄政办发〔2023〕26号 七(五)). */
export function acknowledgeReceipt(ctx: Context, input: AcknowledgeReceiptInput) {
  const receivedOn = stepDate('input.receivedOn', input.receivedOn);
  return referralStep<void, Referral>(ctx, input, {
    allow: (referral, found) => assertSender(ctx.principal, referral, found),
    check: (referral) => assertStatus(referral, 'receipted', ANSWERED, DECLINED),
    apply: async (tx, referral) => {
      Object.assign(referral, { status: ReferralStatus.RECEIPTED, receiptOn: receivedOn });
      recordEvent(tx, ctx.principal, {
        caseId: referral.caseId,
        kind: 'RECEIPT_ACKNOWLEDGED',
        on: receivedOn,
        summary: 'The sender filed the answer (回执)',
        referralId: referral.id,
      });
      return referral;
    },
  });
}
