import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { ReferralPayload } from './referral.inputs.js';
import {
  AcceptReferralInput,
  AcknowledgeReceiptInput,
  AnswerReferralInput,
  ConcludeReferralInput,
  DeclineReferralInput,
  ForwardReferralInput,
} from './referral-steps.inputs.js';
import {
  acceptReferral,
  acknowledgeReceipt,
  answerReferral,
  concludeReferral,
  declineReferral,
  forwardReferral,
} from './referral.steps.js';
import type { Context } from '../context.js';

/** The receiver's answers and the sender's receipt; each answers `{ referral }`. */
@Resolver()
export class ReferralStepsResolver {
  @Mutation(() => ReferralPayload, { description: 'SENT → ACCEPTED: the receiver starts its procedure.' })
  async acceptReferral(@Arg('input', () => AcceptReferralInput) input: AcceptReferralInput, @Ctx() ctx: Context) {
    return { referral: await acceptReferral(ctx, input) };
  }

  @Mutation(() => ReferralPayload, { description: 'SENT or ACCEPTED → DECLINED, with a reason.' })
  async declineReferral(@Arg('input', () => DeclineReferralInput) input: DeclineReferralInput, @Ctx() ctx: Context) {
    return { referral: await declineReferral(ctx, input) };
  }

  @Mutation(() => ReferralPayload, {
    description: 'SENT or ACCEPTED → FORWARDED; a new referral from the receiver carries on (forwardedTo).',
  })
  async forwardReferral(@Arg('input', () => ForwardReferralInput) input: ForwardReferralInput, @Ctx() ctx: Context) {
    return { referral: await forwardReferral(ctx, input) };
  }

  @Mutation(() => ReferralPayload, {
    description: 'Judicial assistance, ACCEPTED: the procedure is concluded; the report back is now due.',
  })
  async concludeReferral(@Arg('input', () => ConcludeReferralInput) input: ConcludeReferralInput, @Ctx() ctx: Context) {
    return { referral: await concludeReferral(ctx, input) };
  }

  @Mutation(() => ReferralPayload, { description: 'SENT or ACCEPTED → ANSWERED: the written answer.' })
  async answerReferral(@Arg('input', () => AnswerReferralInput) input: AnswerReferralInput, @Ctx() ctx: Context) {
    return { referral: await answerReferral(ctx, input) };
  }

  @Mutation(() => ReferralPayload, { description: 'ANSWERED or DECLINED → RECEIPTED: the sender filed the answer.' })
  async acknowledgeReceipt(
    @Arg('input', () => AcknowledgeReceiptInput) input: AcknowledgeReceiptInput,
    @Ctx() ctx: Context,
  ) {
    return { referral: await acknowledgeReceipt(ctx, input) };
  }
}
