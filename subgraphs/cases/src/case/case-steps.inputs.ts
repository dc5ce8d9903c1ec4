import { Field, ID, InputType, Int } from 'type-graphql';
import { DateScalar } from '@doudi/shared';

/** What every step on a case names: the case, and the version read (a stale one answers CONFLICT). */
@InputType()
class CaseStepInput {
  @Field(() => ID)
  caseId: string;

  @Field(() => Int, { description: 'The case version you read; a stale one answers CONFLICT.' })
  version: number;
}

@InputType({
  description: 'Death case: the station’s record and referral request reached the lead (襄政办发〔2023〕26号 七(三)).',
})
export class ReportToLeadInput extends CaseStepInput {
  @Field(() => DateScalar, { nullable: true, description: 'Default today.' })
  reportedOn?: string;
}

@InputType({ description: 'Judicial assistance: the investigation is finished (晋检发办字〔2023〕10号 第十九条).' })
export class ConcludeInvestigationInput extends CaseStepInput {
  @Field(() => DateScalar, { nullable: true, description: 'Default today.' })
  concludedOn?: string;
}

@InputType({
  description: 'HOTLINE: the first-question organisation brought the applicant to the window (首问负责制).',
})
export class BringToWindowInput extends CaseStepInput {
  @Field(() => ID, { description: 'The intake window (社会救助受理窗口) that now transfers the request.' })
  windowOrganisationId: string;

  @Field(() => DateScalar, { nullable: true, description: 'Default today.' })
  broughtOn?: string;
}

@InputType({
  description: '河鱼府发【2021】39号 二(四): the township assigns the lead to an office as a checklist item.',
})
export class AssignLeadInput extends CaseStepInput {
  @Field(() => ID)
  officeOrganisationId: string;

  @Field(() => DateScalar, { nullable: true, description: 'Default today.' })
  assignedOn?: string;
}

@InputType({ description: '河鱼府发【2021】39号 二(五): a special case goes to collective review (会审).' })
export class SubmitForReviewInput extends CaseStepInput {
  @Field(() => DateScalar, { nullable: true, description: 'Default today.' })
  reviewedOn?: string;

  @Field(() => String)
  conclusion: string;
}

@InputType({ description: 'The lead has pushed every referral it will make (closes PUSH_REFERRALS).' })
export class CompleteReferralsInput extends CaseStepInput {
  @Field(() => DateScalar, { nullable: true, description: 'Default today.' })
  completedOn?: string;
}

@InputType({ description: 'WINDOW_APPLICATION, HOTLINE: the request is concluded (办结).' })
export class ConcludeCaseInput extends CaseStepInput {
  @Field(() => DateScalar, { nullable: true, description: 'Default today.' })
  concludedOn?: string;
}

@InputType({ description: 'Closes the case; refused while a referral is SENT or ACCEPTED.' })
export class CloseCaseInput extends CaseStepInput {
  @Field(() => DateScalar, { nullable: true, description: 'Default today.' })
  closedOn?: string;

  @Field(() => String)
  reason: string;
}
