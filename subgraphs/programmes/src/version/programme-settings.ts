import { registerEnumType } from 'type-graphql';

/** The parts of a programme's configuration that a version sets, and that a template may lock. */
export enum ProgrammeSetting {
  ELIGIBILITY = 'ELIGIBILITY',
  AMOUNT = 'AMOUNT',
  CAPS = 'CAPS',
  APPROVAL = 'APPROVAL',
  PUBLIC_NOTICE = 'PUBLIC_NOTICE',
  REVIEW_CYCLE = 'REVIEW_CYCLE',
  DEMOCRATIC_APPRAISAL = 'DEMOCRATIC_APPRAISAL',
}
registerEnumType(ProgrammeSetting, {
  name: 'ProgrammeSetting',
  valuesConfig: {
    ELIGIBILITY: { description: 'The eligibility rule (CEL).' },
    AMOUNT: { description: 'The benefit amount: fixed, or a CEL formula.' },
    CAPS: { description: 'Caps per grant, per person per year, per household per year.' },
    APPROVAL: { description: 'Amount thresholds → approving level and collective review.' },
    PUBLIC_NOTICE: { description: 'Days of public notice (公示) after approval.' },
    REVIEW_CYCLE: {
      description:
        'Months between periodic reviews of a benefit in payment (临社救办发〔2015〕3号 二(一)(二): 动态管理).',
    },
    DEMOCRATIC_APPRAISAL: {
      description:
        'Whether a proposal needs the village’s democratic appraisal (民主评议, 临社救办发〔2015〕3号 二(一)) PASSED first.',
    },
  },
});

/** Who approves: the level of the jurisdiction whose staff may decide (临社救办发〔2015〕3号 二(八): 乡镇审批小额临时救助). */
export enum ApprovalLevel {
  VILLAGE = 'VILLAGE',
  TOWNSHIP = 'TOWNSHIP',
  COUNTY = 'COUNTY',
  CITY = 'CITY',
  PROVINCE = 'PROVINCE',
}
registerEnumType(ApprovalLevel, { name: 'ApprovalLevel' });

export interface ApprovalTierSetting {
  /** The largest amount this tier decides, in fen; null for "any amount". */
  upToFen: number | null;
  level: ApprovalLevel;
  collectiveReview: boolean;
}

/** One version's own settings; a key left out is inherited from the template (if any). */
export interface ProgrammeSettings {
  eligibilityRule?: string | null;
  amount?: { fixedFen: number | null; formula: string | null };
  caps?: { perPersonYearFen: number | null; perHouseholdYearFen: number | null; perGrantFen: number | null };
  approval?: { tiers: ApprovalTierSetting[] };
  publicNoticeDays?: number;
  /** 临社救办发〔2015〕3号 二(一)(二) 动态管理: months between periodic reviews of an active benefit; 0 or unset for none. */
  reviewCycleMonths?: number;
  /** 临社救办发〔2015〕3号 二(一) 民主评议: a proposal needs a PASSED democratic appraisal of the household first. */
  appraisalRequired?: boolean;
}

export const SETTING_KEYS: Record<ProgrammeSetting, keyof ProgrammeSettings> = {
  ELIGIBILITY: 'eligibilityRule',
  AMOUNT: 'amount',
  CAPS: 'caps',
  APPROVAL: 'approval',
  PUBLIC_NOTICE: 'publicNoticeDays',
  REVIEW_CYCLE: 'reviewCycleMonths',
  DEMOCRATIC_APPRAISAL: 'appraisalRequired',
};

/** The input field that sets each setting, for errors that point at it. */
export const SETTING_FIELDS: Record<ProgrammeSetting, string> = {
  ELIGIBILITY: 'input.eligibilityRule',
  AMOUNT: 'input.amount',
  CAPS: 'input.caps',
  APPROVAL: 'input.approvalTiers',
  PUBLIC_NOTICE: 'input.publicNoticeDays',
  REVIEW_CYCLE: 'input.reviewCycleMonths',
  DEMOCRATIC_APPRAISAL: 'input.appraisalRequired',
};

export const settingsSetBy = (settings: ProgrammeSettings): ProgrammeSetting[] =>
  (Object.keys(SETTING_KEYS) as ProgrammeSetting[]).filter((s) => SETTING_KEYS[s] in settings);
