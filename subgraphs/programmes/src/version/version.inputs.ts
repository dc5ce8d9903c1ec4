import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '@doudi/shared';
import { ApprovalLevel, ProgrammeSetting } from './programme-settings.js';
import { ProgrammeVersion } from './programme-version.entity.js';

@InputType({ description: 'Exactly one of a fixed amount (yuan) or a CEL formula giving yuan.' })
export class BenefitAmountInput {
  @Field(() => String, { nullable: true, description: 'Yuan, e.g. "800.00".' })
  fixedAmount?: string;

  @Field(() => String, {
    nullable: true,
    description:
      'CEL over the fact model, e.g. (standards.dibaoLine - household.perCapitaIncome) * double(household.size).',
  })
  formula?: string;
}

@InputType({ description: 'Caps in yuan; a cap left out or null means no cap of that kind.' })
export class BenefitCapsInput {
  @Field(() => String, { nullable: true })
  perPersonPerYear?: string;

  @Field(() => String, { nullable: true })
  perHouseholdPerYear?: string;

  @Field(() => String, { nullable: true })
  perGrant?: string;
}

@InputType({ description: 'Amounts up to `upTo` (yuan; null = any amount) are approved at `level`.' })
export class ApprovalTierInput {
  @Field(() => String, { nullable: true })
  upTo?: string | null;

  @Field(() => ApprovalLevel)
  level: ApprovalLevel;

  @Field(() => Boolean, { defaultValue: false, description: 'Collective review (集体研究) is needed first.' })
  collectiveReview: boolean;
}

@InputType({
  description:
    'A new version of a programme’s configuration. A setting left out is inherited from the template (or has none).',
})
export class PublishProgrammeVersionInput {
  @Field(() => ID)
  programmeId: string;

  @Field(() => DateScalar, { description: 'Later than the current version’s date.' })
  effectiveFrom: string;

  @Field(() => String, { nullable: true })
  note?: string;

  @Field(() => String, { nullable: true, description: 'A CEL expression over the fact model (see FACTS.md).' })
  eligibilityRule?: string;

  @Field(() => BenefitAmountInput, { nullable: true })
  amount?: BenefitAmountInput;

  @Field(() => BenefitCapsInput, { nullable: true })
  caps?: BenefitCapsInput;

  @Field(() => [ApprovalTierInput], { nullable: true, description: 'Smallest first; the last has no upper bound.' })
  approvalTiers?: ApprovalTierInput[];

  @Field(() => Int, { nullable: true, description: 'Calendar days of public notice after approval; 0 for none.' })
  publicNoticeDays?: number;

  @Field(() => Int, {
    nullable: true,
    description:
      'Months between periodic reviews of a benefit in payment, 1 to 36; 0 for none (临社救办发〔2015〕3号 二(一)(二): 动态管理).',
  })
  reviewCycleMonths?: number;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Whether a proposal needs the village’s democratic appraisal (民主评议, 临社救办发〔2015〕3号 二(一)) PASSED first ' +
      '(recordDemocraticAppraisal); without it grantBenefit answers INVALID_STATE.',
  })
  appraisalRequired?: boolean;

  @Field(() => [ProgrammeSetting], {
    nullable: true,
    description: 'Templates only: settings the programmes inheriting it may not change.',
  })
  locks?: ProgrammeSetting[];

  @Field(() => Int, {
    nullable: true,
    description:
      'The number of the latest version you read (0 if there was none): CONFLICT if someone has published another since, instead of publishing over a version you have not seen.',
  })
  basedOnVersion?: number;

  @Field(() => String, { nullable: true })
  idempotencyKey?: string;
}

@ObjectType()
export class PublishProgrammeVersionPayload {
  @Field(() => ProgrammeVersion)
  version: ProgrammeVersion;
}
