/** The API's enums the case pages show and offer (their words: doudi.cases.enums.<Enum>.<VALUE>). */
export const CHANNELS = [
  'WINDOW_APPLICATION',
  'HOTLINE',
  'NON_NATURAL_DEATH',
  'JUDICIAL_ASSISTANCE',
  'VILLAGE_DISCOVERY',
  'DATA_COMPARISON',
] as const;

/** In workflow order per channel (WORKFLOWS of the cases subgraph), so a filter reads like the process. */
export const STAGES = [
  'REGISTERED',
  'TRANSFERRED',
  'CONCLUDED',
  'LETTER_RECEIVED',
  'VISITED',
  'REPORTED',
  'INVESTIGATING',
  'INVESTIGATION_CONCLUDED',
  'REFERRED',
  'LEAD',
  'ASSIGNED',
  'IN_REVIEW',
  'IN_NOTICE',
  'DECIDED',
  'CLOSED',
] as const;

/** 襄政办发〔2023〕26号 七(二): the six areas of the family's life a visit records. */
export const LIFE_AREAS = ['EDUCATION', 'ELDERLY_CARE', 'MEDICAL', 'EMPLOYMENT', 'HOUSING', 'MENTAL_HEALTH'] as const;

export const REFERRAL_KINDS = [
  'SOCIAL_ASSISTANCE',
  'RURAL_SUPPORT',
  'EDUCATION_AID',
  'MEDICAL_AID',
  'EMPLOYMENT_AID',
  'HOUSING_AID',
  'ELDERLY_CARE',
  'MENTAL_HEALTH',
  'LEGAL_AID',
  'JUDICIAL_ASSISTANCE',
  'OTHER',
] as const;

/** 晋检发办字〔2023〕10号 第六条 in its order, then the general reasons. */
export const DECLINE_REASONS = [
  'CAUSED_BY_OWN_FAULT',
  'REFUSES_TO_COOPERATE',
  'FALSE_INFORMATION',
  'WAIVED_COMPENSATION',
  'HARDSHIP_NOT_CAUSED_BY_CASE',
  'ALREADY_ASSISTED',
  'NOT_OUR_RESPONSIBILITY',
  'NOT_ELIGIBLE',
  'OTHER',
] as const;

export const NOTICE_OUTCOMES = ['NO_OBJECTION', 'OBJECTION_DISMISSED', 'OBJECTION_UPHELD'] as const;

export const PRIORITY_GROUPS = [
  'RELAPSE_RISK',
  'VETERAN_OR_ENTITLED',
  'WOMAN_IN_HARDSHIP',
  'MINOR',
  'DISABLED',
  'PETITIONER',
] as const;
