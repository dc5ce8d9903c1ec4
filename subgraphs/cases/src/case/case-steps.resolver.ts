import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { CasePayload } from './case.inputs.js';
import {
  AssignLeadInput,
  BringToWindowInput,
  CloseCaseInput,
  CompleteReferralsInput,
  ConcludeCaseInput,
  ConcludeInvestigationInput,
  ReportToLeadInput,
  SubmitForReviewInput,
} from './case-steps.inputs.js';
import {
  assignLead,
  bringToWindow,
  closeCase,
  completeReferrals,
  concludeCase,
  concludeInvestigation,
  reportToLead,
  submitForReview,
} from './case.steps.js';
import type { Context } from '../context.js';

/** The lead's steps through each channel's workflow (WORKFLOWS.md); each answers `{ case }`. */
@Resolver()
export class CaseStepsResolver {
  @Mutation(() => CasePayload, { description: 'Death case, VISITED → REPORTED.' })
  async reportToLead(@Arg('input', () => ReportToLeadInput) input: ReportToLeadInput, @Ctx() ctx: Context) {
    return { case: await reportToLead(ctx, input) };
  }

  @Mutation(() => CasePayload, { description: 'Judicial assistance, INVESTIGATING → INVESTIGATION_CONCLUDED.' })
  async concludeInvestigation(
    @Arg('input', () => ConcludeInvestigationInput) input: ConcludeInvestigationInput,
    @Ctx() ctx: Context,
  ) {
    return { case: await concludeInvestigation(ctx, input) };
  }

  @Mutation(() => CasePayload, { description: 'HOTLINE, REGISTERED: the applicant reached the intake window.' })
  async bringToWindow(@Arg('input', () => BringToWindowInput) input: BringToWindowInput, @Ctx() ctx: Context) {
    return { case: await bringToWindow(ctx, input) };
  }

  @Mutation(() => CasePayload, { description: 'VILLAGE_DISCOVERY, DATA_COMPARISON: LEAD → ASSIGNED.' })
  async assignLead(@Arg('input', () => AssignLeadInput) input: AssignLeadInput, @Ctx() ctx: Context) {
    return { case: await assignLead(ctx, input) };
  }

  @Mutation(() => CasePayload, { description: 'VILLAGE_DISCOVERY, DATA_COMPARISON: VISITED → IN_REVIEW (会审).' })
  async submitForReview(@Arg('input', () => SubmitForReviewInput) input: SubmitForReviewInput, @Ctx() ctx: Context) {
    return { case: await submitForReview(ctx, input) };
  }

  @Mutation(() => CasePayload, { description: 'Closes the PUSH_REFERRALS task.' })
  async completeReferrals(
    @Arg('input', () => CompleteReferralsInput) input: CompleteReferralsInput,
    @Ctx() ctx: Context,
  ) {
    return { case: await completeReferrals(ctx, input) };
  }

  @Mutation(() => CasePayload, { description: 'WINDOW_APPLICATION, HOTLINE: TRANSFERRED → CONCLUDED (办结).' })
  async concludeCase(@Arg('input', () => ConcludeCaseInput) input: ConcludeCaseInput, @Ctx() ctx: Context) {
    return { case: await concludeCase(ctx, input) };
  }

  @Mutation(() => CasePayload, { description: 'Closes the case; INVALID_STATE while a referral is SENT or ACCEPTED.' })
  async closeCase(@Arg('input', () => CloseCaseInput) input: CloseCaseInput, @Ctx() ctx: Context) {
    return { case: await closeCase(ctx, input) };
  }
}
