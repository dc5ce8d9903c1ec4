import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { jurisdictionRef, JurisdictionRef } from '@doudi/shared';
import { OrganisationRef, optionalOrganisation } from '../organisation/organisation.ref.js';
import type { Context } from '../context.js';
import { Complaint, ComplaintConnection } from './complaint.entity.js';
import {
  AnswerComplaintInput,
  AssignComplaintVerificationInput,
  ComplainantView,
  ComplaintPayload,
  ComplaintsArgs,
  ReceiveComplaintInput,
  RecordComplaintFindingInput,
  RevealComplainantInput,
  RevealComplainantPayload,
} from './complaint.inputs.js';
import { readsComplainant } from './complaint.access.js';
import { canSeeCase } from '../case/case.access.js';
import {
  answerComplaint,
  assignComplaint,
  complainantOf,
  getComplaint,
  listComplaints,
  receiveComplaint,
  recordComplaintFinding,
  revealComplainant,
} from './complaint.service.js';

/** 监督举报 (临社救办发〔2015〕3号 二(一); 周政办字〔2017〕70号 六(三)): received, verified, answered. */
@Resolver(() => Complaint)
export class ComplaintResolver {
  @Query(() => ComplaintConnection, {
    description:
      'Complaints: with complaints:handle, every one of your jurisdiction; otherwise those your organisation was ' +
      'asked to verify. Newest first.',
  })
  complaints(@Args(() => ComplaintsArgs) args: ComplaintsArgs, @Ctx() ctx: Context) {
    return listComplaints(ctx, args);
  }

  @Query(() => Complaint, { description: 'One complaint; NOT_FOUND when unknown or not yours to read.' })
  complaint(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return getComplaint(ctx, id, 'id');
  }

  @Mutation(() => ComplaintPayload, {
    description:
      'Takes a complaint or clue (人情保、关系保、错保、漏保, or a department’s conduct) at a hotline, window or app and ' +
      'gives its reference number. The complainant’s name and phone are sealed; anonymous complaints take neither.',
  })
  async receiveComplaint(@Arg('input', () => ReceiveComplaintInput) input: ReceiveComplaintInput, @Ctx() ctx: Context) {
    return { complaint: await receiveComplaint(ctx, input) };
  }

  @Mutation(() => ComplaintPayload, {
    description:
      'Assigns the verification to an organisation (never one complained about), due within the county’s ' +
      'COMPLAINT_VERIFICATION limit. Needs complaints:handle. Assigning to the same organisation again changes nothing.',
  })
  async assignComplaintVerification(
    @Arg('input', () => AssignComplaintVerificationInput) input: AssignComplaintVerificationInput,
    @Ctx() ctx: Context,
  ) {
    return { complaint: await assignComplaint(ctx, input) };
  }

  @Mutation(() => ComplaintPayload, {
    description: 'The verifier records what it found (件件有核实). The same finding again answers the same.',
  })
  async recordComplaintFinding(
    @Arg('input', () => RecordComplaintFindingInput) input: RecordComplaintFindingInput,
    @Ctx() ctx: Context,
  ) {
    return { complaint: await recordComplaintFinding(ctx, input) };
  }

  @Mutation(() => ComplaintPayload, {
    description:
      'Answers the complainant with the finding (事事有回音), optionally opening a review of the benefit (flagged for ' +
      'review in programmes) or the case it concerns. Needs complaints:handle.',
  })
  async answerComplaint(@Arg('input', () => AnswerComplaintInput) input: AnswerComplaintInput, @Ctx() ctx: Context) {
    return { complaint: await answerComplaint(ctx, input) };
  }

  @Mutation(() => RevealComplainantPayload, {
    description:
      'The complainant’s clear name and phone for a stated purpose, written to the audit log. Needs complaints:handle ' +
      'and personal-data:reveal, and never for staff of an organisation complained about (FORBIDDEN).',
  })
  revealComplainant(@Arg('input', () => RevealComplainantInput) input: RevealComplainantInput, @Ctx() ctx: Context) {
    return revealComplainant(ctx, input.complaintId, input.purpose);
  }

  @FieldResolver(() => JurisdictionRef)
  jurisdiction(@Root() complaint: Complaint) {
    return jurisdictionRef(complaint.jurisdictionCode);
  }

  @FieldResolver(() => ID, { nullable: true, description: 'The case it is about; null unless you may see that case.' })
  async concernedCaseId(@Root() complaint: Complaint, @Ctx() ctx: Context) {
    if (!complaint.concernedCaseId) return null;
    const found = await ctx.loaders.case.load(complaint.concernedCaseId);
    return found && (await canSeeCase(ctx.principal, found, ctx.loaders)) ? found.id : null;
  }

  @FieldResolver(() => OrganisationRef, { nullable: true })
  concernedOrganisation(@Root() complaint: Complaint) {
    return optionalOrganisation(complaint.concernedOrganisationId);
  }

  @FieldResolver(() => OrganisationRef, { nullable: true, description: 'Who verifies it.' })
  verifierOrganisation(@Root() complaint: Complaint) {
    return optionalOrganisation(complaint.verifierOrganisationId);
  }

  @FieldResolver(() => OrganisationRef, { description: 'The desk that took it.' })
  receivedByOrganisation(@Root() complaint: Complaint) {
    return optionalOrganisation(complaint.receivedByOrganisationId);
  }

  @FieldResolver(() => ComplainantView, {
    nullable: true,
    description:
      'Who complained, masked: null for an anonymous complaint and for anyone but the supervision office, and ' +
      'always null for staff of an organisation complained about.',
  })
  async complainant(@Root() complaint: Complaint, @Ctx() ctx: Context) {
    if (complaint.anonymous || !(await readsComplainant(ctx, complaint))) return null;
    return complainantOf(ctx.services.vault, complaint, false);
  }
}
