import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateScalar, PageArgs } from '@doudi/shared';
import { Complaint } from './complaint.entity.js';
import {
  AnswerChannel,
  ComplaintChannel,
  ComplaintFinding,
  ComplaintKind,
  ComplaintStatus,
} from './complaint.enums.js';

@InputType({ description: 'A complaint or clue as the desk took it (hotline, window, letter, online or an app).' })
export class ReceiveComplaintInput {
  @Field(() => String, { description: 'The jurisdiction it concerns (within yours): its county reads it.' })
  jurisdictionCode: string;

  @Field(() => ComplaintChannel)
  channel: ComplaintChannel;

  @Field(() => ComplaintKind)
  kind: ComplaintKind;

  @Field(() => DateScalar, { nullable: true, description: 'Default today, never in the future.' })
  receivedOn?: string;

  @Field(() => String, { description: 'What was reported (10–4000 characters).' })
  summary: string;

  @Field(() => ID, { nullable: true, description: 'The case it is about, if any (one you can see).' })
  concernedCaseId?: string;

  @Field(() => ID, { nullable: true, description: 'The benefit it is about, if any.' })
  concernedBenefitId?: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The organisation complained about: it never verifies the complaint nor learns who complained.',
  })
  concernedOrganisationId?: string;

  @Field(() => Boolean, { description: 'True when the complainant gave no name; then no contact is taken.' })
  anonymous: boolean;

  @Field(() => String, { nullable: true, description: 'Required unless anonymous; sealed at rest.' })
  complainantName?: string;

  @Field(() => String, { nullable: true, description: 'Required unless anonymous (for the answer); sealed at rest.' })
  complainantPhone?: string;

  @Field(() => String, { nullable: true, description: 'Send the same key when retrying; the complaint is taken once.' })
  idempotencyKey?: string;
}

@InputType()
export class AssignComplaintVerificationInput {
  @Field(() => ID)
  complaintId: string;

  @Field(() => ID, { description: 'Who verifies it: never the organisation complained about.' })
  verifierOrganisationId: string;

  @Field(() => Int, { nullable: true, description: 'The version you read; CONFLICT when it changed since.' })
  version?: number;
}

@InputType()
export class RecordComplaintFindingInput {
  @Field(() => ID)
  complaintId: string;

  @Field(() => ComplaintFinding)
  finding: ComplaintFinding;

  @Field(() => String, { description: 'What the verification established (10–4000 characters).' })
  findingText: string;

  @Field(() => DateScalar, { nullable: true, description: 'Default today, never in the future nor before assignment.' })
  verifiedOn?: string;

  @Field(() => Int, { nullable: true })
  version?: number;
}

@InputType()
export class AnswerComplaintInput {
  @Field(() => ID)
  complaintId: string;

  @Field(() => AnswerChannel)
  answerChannel: AnswerChannel;

  @Field(() => String, { description: 'The answer given (回音), 10–4000 characters.' })
  answerText: string;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'Default today, never in the future nor before the finding.',
  })
  answeredOn?: string;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Open a review of what it concerns: the benefit is flagged for review (动态管理) with the reference and ' +
      'finding as its reason; the case gets a timeline entry. Refused for an UNSUBSTANTIATED finding.',
  })
  openReview?: boolean;

  @Field(() => Int, { nullable: true })
  version?: number;
}

@InputType()
export class RevealComplainantInput {
  @Field(() => ID)
  complaintId: string;

  @Field(() => String, { description: 'Why you need the clear contact (audited), e.g. “电话回复核查结果”.' })
  purpose: string;
}

@InputType()
export class ComplaintFilter {
  @Field(() => String, { nullable: true })
  jurisdictionCode?: string;

  @Field(() => ComplaintStatus, { nullable: true })
  status?: ComplaintStatus;

  @Field(() => ComplaintKind, { nullable: true })
  kind?: ComplaintKind;

  @Field(() => Boolean, { nullable: true, description: 'Only those past their due date and not yet verified.' })
  overdue?: boolean;
}

@ArgsType()
export class ComplaintsArgs extends PageArgs {
  @Field(() => ComplaintFilter, { nullable: true })
  filter?: ComplaintFilter;
}

@ObjectType()
export class ComplaintPayload {
  @Field(() => Complaint)
  complaint: Complaint;
}

@ObjectType({
  description: 'Who complained, masked; only complaint handlers outside the organisation complained about.',
})
export class ComplainantView {
  @Field(() => String, { nullable: true })
  name: string | null;

  @Field(() => String, { nullable: true })
  phone: string | null;

  @Field(() => Boolean, { description: 'False when masked; revealComplainant gives the clear values, audited.' })
  revealed: boolean;
}

@ObjectType()
export class RevealComplainantPayload {
  @Field(() => Complaint)
  complaint: Complaint;

  @Field(() => ComplainantView)
  complainant: ComplainantView;
}
