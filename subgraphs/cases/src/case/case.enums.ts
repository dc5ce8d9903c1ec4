import { registerEnumType } from 'type-graphql';

/** How a case came in: the intake channels of the five regulations (docs/regulations.md). */
export enum CaseChannel {
  /** 000 §七: the police unit handling a non-natural death sends a visit letter. */
  NON_NATURAL_DEATH = 'NON_NATURAL_DEATH',
  /** 001: the procuratorate's judicial-assistance case. */
  JUDICIAL_ASSISTANCE = 'JUDICIAL_ASSISTANCE',
  /** 002: the township's single intake window (一门受理). */
  WINDOW_APPLICATION = 'WINDOW_APPLICATION',
  /** 002: the hotline, under first-question responsibility (首问负责制). */
  HOTLINE = 'HOTLINE',
  /** 004: a village or school found the family. */
  VILLAGE_DISCOVERY = 'VILLAGE_DISCOVERY',
  /** 004: a match in the data pushed by township offices. */
  DATA_COMPARISON = 'DATA_COMPARISON',
}
registerEnumType(CaseChannel, { name: 'CaseChannel' });

export enum CaseStatus {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}
registerEnumType(CaseStatus, { name: 'CaseStatus' });

/** Where a case stands in its channel's workflow (subgraphs/cases/WORKFLOWS.md). */
export enum CaseStage {
  LETTER_RECEIVED = 'LETTER_RECEIVED',
  VISITED = 'VISITED',
  REPORTED = 'REPORTED',
  REFERRED = 'REFERRED',
  INVESTIGATING = 'INVESTIGATING',
  INVESTIGATION_CONCLUDED = 'INVESTIGATION_CONCLUDED',
  REGISTERED = 'REGISTERED',
  TRANSFERRED = 'TRANSFERRED',
  CONCLUDED = 'CONCLUDED',
  LEAD = 'LEAD',
  ASSIGNED = 'ASSIGNED',
  IN_REVIEW = 'IN_REVIEW',
  IN_NOTICE = 'IN_NOTICE',
  DECIDED = 'DECIDED',
  CLOSED = 'CLOSED',
}
registerEnumType(CaseStage, {
  name: 'CaseStage',
  description:
    'NON_NATURAL_DEATH: LETTER_RECEIVED → VISITED → REPORTED → REFERRED → CLOSED. JUDICIAL_ASSISTANCE: INVESTIGATING → ' +
    'INVESTIGATION_CONCLUDED → REFERRED → CLOSED. WINDOW_APPLICATION, HOTLINE: REGISTERED → TRANSFERRED → CONCLUDED → ' +
    'CLOSED. VILLAGE_DISCOVERY, DATA_COMPARISON: LEAD → ASSIGNED → VISITED → IN_REVIEW → IN_NOTICE → DECIDED → CLOSED.',
});

/** 晋检发办字〔2023〕10号 第五条: the green channel (绿色通道) for these groups, helped first. */
export enum PriorityGroup {
  RELAPSE_RISK = 'RELAPSE_RISK',
  VETERAN_OR_ENTITLED = 'VETERAN_OR_ENTITLED',
  WOMAN_IN_HARDSHIP = 'WOMAN_IN_HARDSHIP',
  MINOR = 'MINOR',
  DISABLED = 'DISABLED',
  PETITIONER = 'PETITIONER',
}
registerEnumType(PriorityGroup, {
  name: 'PriorityGroup',
  valuesConfig: {
    RELAPSE_RISK: { description: '因案存在致贫返贫风险的脱贫不稳定户、边缘致贫户、突发严重困难户' },
    VETERAN_OR_ENTITLED: { description: '生活困难的退役军人、军属和其他优抚对象' },
    WOMAN_IN_HARDSHIP: { description: '生活困难的妇女' },
    MINOR: { description: '生活困难的未成年人' },
    DISABLED: { description: '生活困难的残疾人' },
    PETITIONER: { description: '生活困难的涉法涉诉信访人' },
  },
});

/** 襄政办发〔2023〕26号 七(二): the six areas of the family's life a death-case visit records. */
export enum LifeArea {
  EDUCATION = 'EDUCATION',
  ELDERLY_CARE = 'ELDERLY_CARE',
  MEDICAL = 'MEDICAL',
  EMPLOYMENT = 'EMPLOYMENT',
  HOUSING = 'HOUSING',
  MENTAL_HEALTH = 'MENTAL_HEALTH',
}
registerEnumType(LifeArea, {
  name: 'LifeArea',
  valuesConfig: {
    EDUCATION: { description: '教育' },
    ELDERLY_CARE: { description: '养老' },
    MEDICAL: { description: '医疗 (sensitive: read only with households:read-sensitive)' },
    EMPLOYMENT: { description: '就业' },
    HOUSING: { description: '住房' },
    MENTAL_HEALTH: { description: '心理健康 (sensitive: read only with households:read-sensitive)' },
  },
});

/** Findings in these areas are health facts (docs/architecture.md, Security model): read only by those who may read sensitive facts. */
export const SENSITIVE_AREAS: readonly LifeArea[] = [LifeArea.MEDICAL, LifeArea.MENTAL_HEALTH];

/** The channels of 河鱼府发【2021】39号 (proactive discovery): leads assigned to an office, reviewed and noticed. */
export const LEAD_CHANNELS: readonly CaseChannel[] = [CaseChannel.VILLAGE_DISCOVERY, CaseChannel.DATA_COMPARISON];
/** The channels of 周政办字〔2017〕70号 (一门受理): registered at the window, transferred, concluded. */
export const WINDOW_CHANNELS: readonly CaseChannel[] = [CaseChannel.WINDOW_APPLICATION, CaseChannel.HOTLINE];
