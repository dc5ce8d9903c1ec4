import { Field, ID, InputType, Int } from 'type-graphql';
import { DateScalar } from '@doudi/shared';

const VERSION = { description: 'The case version you read; a stale one answers CONFLICT.' };

@InputType({ description: 'Death case: the station’s record and referral request reached the lead (seed 000 七(三)).' })
export class ReportToLeadInput {
  @Field(() => ID)
  caseId: string;

  @Field(() => Int, VERSION)
  version: number;

  @Field(() => DateScalar, { nullable: true, description: 'Default today.' })
  reportedOn?: string;
}

@InputType({ description: 'Judicial assistance: the investigation is finished (seed 001 第十九条).' })
export class ConcludeInvestigationInput {
  @Field(() => ID)
  caseId: string;

  @Field(() => Int, VERSION)
  version: number;

  @Field(() => DateScalar, { nullable: true, description: 'Default today.' })
  concludedOn?: string;
}

@InputType({
  description: 'HOTLINE: the first-question organisation brought the applicant to the window (首问负责制).',
})
export class BringToWindowInput {
  @Field(() => ID)
  caseId: string;

  @Field(() => Int, VERSION)
  version: number;

  @Field(() => ID, { description: 'The intake window (社会救助受理窗口) that now transfers the request.' })
  windowOrganisationId: string;

  @Field(() => DateScalar, { nullable: true, description: 'Default today.' })
  broughtOn?: string;
}

@InputType({ description: 'Seed 004 二(四): the township assigns the lead to an office as a checklist item.' })
export class AssignLeadInput {
  @Field(() => ID)
  caseId: string;

  @Field(() => Int, VERSION)
  version: number;

  @Field(() => ID)
  officeOrganisationId: string;

  @Field(() => DateScalar, { nullable: true, description: 'Default today.' })
  assignedOn?: string;
}

@InputType({ description: 'Seed 004 二(五): a special case goes to collective review (会审).' })
export class SubmitForReviewInput {
  @Field(() => ID)
  caseId: string;

  @Field(() => Int, VERSION)
  version: number;

  @Field(() => DateScalar, { nullable: true, description: 'Default today.' })
  reviewedOn?: string;

  @Field(() => String)
  conclusion: string;
}

@InputType({ description: 'The lead has pushed every referral it will make (closes PUSH_REFERRALS).' })
export class CompleteReferralsInput {
  @Field(() => ID)
  caseId: string;

  @Field(() => Int, VERSION)
  version: number;

  @Field(() => DateScalar, { nullable: true, description: 'Default today.' })
  completedOn?: string;
}

@InputType({ description: 'WINDOW_APPLICATION, HOTLINE: the request is concluded (办结).' })
export class ConcludeCaseInput {
  @Field(() => ID)
  caseId: string;

  @Field(() => Int, VERSION)
  version: number;

  @Field(() => DateScalar, { nullable: true, description: 'Default today.' })
  concludedOn?: string;
}

@InputType({ description: 'Closes the case; refused while a referral is SENT or ACCEPTED.' })
export class CloseCaseInput {
  @Field(() => ID)
  caseId: string;

  @Field(() => Int, VERSION)
  version: number;

  @Field(() => DateScalar, { nullable: true, description: 'Default today.' })
  closedOn?: string;

  @Field(() => String)
  reason: string;
}
