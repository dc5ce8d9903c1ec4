import { Field, Int, ObjectType } from 'type-graphql';
import { formatYuan } from '@doudi/shared';
import { ApprovalLevel, ProgrammeSetting, settingsSetBy, type ProgrammeSettings } from './programme-settings.js';

const yuan = (fen: number | null | undefined) => (fen === null || fen === undefined ? null : formatYuan(fen));

@ObjectType({ description: 'Caps in yuan; null means no cap of that kind.' })
export class BenefitCaps {
  @Field(() => String, { nullable: true })
  perPersonPerYear: string | null;

  @Field(() => String, { nullable: true })
  perHouseholdPerYear: string | null;

  @Field(() => String, { nullable: true })
  perGrant: string | null;
}

@ObjectType({ description: 'Amounts up to `upTo` yuan (null: any amount) are approved at `level`.' })
export class ApprovalTier {
  @Field(() => String, { nullable: true })
  upTo: string | null;

  @Field(() => ApprovalLevel)
  level: ApprovalLevel;

  @Field(() => Boolean)
  collectiveReview: boolean;
}

@ObjectType({ description: 'Settings of a programme; a null one is not set here.' })
export class ProgrammeSettingsView {
  @Field(() => [ProgrammeSetting], { description: 'The settings given here.' })
  sets: ProgrammeSetting[];

  @Field(() => String, { nullable: true, description: 'CEL over the fact model.' })
  eligibilityRule: string | null;

  @Field(() => String, { nullable: true })
  fixedAmount: string | null;

  @Field(() => String, { nullable: true, description: 'CEL giving yuan.' })
  benefitFormula: string | null;

  @Field(() => BenefitCaps, { nullable: true })
  caps: BenefitCaps | null;

  @Field(() => [ApprovalTier], { nullable: true })
  approvalTiers: ApprovalTier[] | null;

  @Field(() => Int, { nullable: true })
  publicNoticeDays: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Months between periodic reviews of a benefit in payment (临社救办发〔2015〕3号 二(一)(二): 动态管理).',
  })
  reviewCycleMonths: number | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Whether a proposal needs a PASSED democratic appraisal first (民主评议, 临社救办发〔2015〕3号 二(一)).',
  })
  appraisalRequired: boolean | null;
}

export function settingsView(settings: ProgrammeSettings): ProgrammeSettingsView {
  return {
    sets: settingsSetBy(settings),
    eligibilityRule: settings.eligibilityRule ?? null,
    fixedAmount: yuan(settings.amount?.fixedFen),
    benefitFormula: settings.amount?.formula ?? null,
    caps: settings.caps
      ? {
          perPersonPerYear: yuan(settings.caps.perPersonYearFen),
          perHouseholdPerYear: yuan(settings.caps.perHouseholdYearFen),
          perGrant: yuan(settings.caps.perGrantFen),
        }
      : null,
    approvalTiers: settings.approval?.tiers.map((t) => ({ ...t, upTo: yuan(t.upToFen) })) ?? null,
    publicNoticeDays: settings.publicNoticeDays ?? null,
    reviewCycleMonths: settings.reviewCycleMonths ?? null,
    appraisalRequired: settings.appraisalRequired ?? null,
  };
}
