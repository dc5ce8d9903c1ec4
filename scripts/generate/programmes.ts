import type { City, CountyUnitKind } from './city.js';
import { idFor } from './random.js';

export interface ApprovalTier {
  upToFen: number | null;
  level: string;
  collectiveReview: boolean;
}
export interface Settings {
  eligibilityRule?: string | null;
  amount?: { fixedFen: number | null; formula: string | null };
  caps?: { perPersonYearFen: number | null; perHouseholdYearFen: number | null; perGrantFen: number | null };
  approval?: { tiers: ApprovalTier[] };
  publicNoticeDays?: number;
}
export interface PlannedProgramme {
  id: string;
  kind: string;
  name: string;
  jurisdictionCode: string;
  organisationId: string;
  settings: Settings;
  note: string;
}
export interface ProgrammePlan {
  all: PlannedProgramme[];
  /** Per county (index as in City.counties), the programme of each kind. */
  byCounty: Record<string, PlannedProgramme>[];
  /** The city's standard (monthly, fen), which its counties inherit (临社救办发〔2015〕3号 二(一)). */
  standard: { urbanFen: number; ruralFen: number; tekunFen: number };
}

const county = (upToFen: number | null, collectiveReview = false): ApprovalTier[] => [
  { upToFen, level: 'TOWNSHIP', collectiveReview: false },
  { upToFen: null, level: 'COUNTY', collectiveReview },
];

/** What each county runs, who runs it, and the settings of its first version (the regulations' figures). */
const CATALOGUE: [kind: string, name: string, unit: CountyUnitKind, settings: Settings, note: string][] = [
  [
    'DIBAO',
    '最低生活保障',
    'CIVIL_AFFAIRS',
    { approval: { tiers: [{ upToFen: null, level: 'COUNTY', collectiveReview: true }] }, publicNoticeDays: 7 },
    '临社救办发〔2015〕3号 二(一): 申请、核对、民主评议、公示、审批',
  ],
  [
    'TEKUN',
    '特困人员救助供养',
    'CIVIL_AFFAIRS',
    { approval: { tiers: [{ upToFen: null, level: 'COUNTY', collectiveReview: false }] }, publicNoticeDays: 7 },
    '临社救办发〔2015〕3号 二(二)',
  ],
  [
    'DISASTER_RELIEF',
    '受灾人员救助',
    'CIVIL_AFFAIRS',
    { approval: { tiers: county(300_000) } },
    '临社救办发〔2015〕3号 二(三)',
  ],
  [
    'MEDICAL',
    '医疗救助',
    'MEDICAL_SECURITY',
    { approval: { tiers: county(500_000) } },
    '临社救办发〔2015〕3号 二(四): 政策范围内自付费用的60%以上',
  ],
  [
    'EDUCATION',
    '教育救助',
    'EDUCATION',
    { approval: { tiers: county(null) } },
    '临社救办发〔2015〕3号 二(五): 按教育阶段分别给予救助',
  ],
  ['HOUSING', '住房救助', 'HOUSING', { approval: { tiers: county(null, true) } }, '临社救办发〔2015〕3号 二(六)'],
  [
    'EMPLOYMENT',
    '就业救助',
    'HUMAN_RESOURCES_SOCIAL_SECURITY',
    { approval: { tiers: county(null) } },
    '临社救办发〔2015〕3号 二(七)',
  ],
  [
    'TEMPORARY',
    '临时救助',
    'CIVIL_AFFAIRS',
    {
      caps: { perPersonYearFen: 500_000, perHouseholdYearFen: 1_000_000, perGrantFen: null },
      approval: { tiers: county(100_000, true) },
    },
    '临社救办发〔2015〕3号 二(八): 个人年最高救助额不超过5000元，家庭年最高救助额不超过10000元；小额由乡镇审批',
  ],
  [
    'JUDICIAL_ASSISTANCE',
    '国家司法救助',
    'PROCURATORATE',
    { approval: { tiers: [{ upToFen: null, level: 'COUNTY', collectiveReview: true }] } },
    '晋检发办字〔2023〕10号',
  ],
  [
    'RELAPSE_PREVENTION',
    '防止返贫动态监测帮扶',
    'AGRICULTURE_RURAL',
    { approval: { tiers: county(300_000) } },
    '河鱼府发【2021】39号 一',
  ],
  [
    'SPRING_BUD',
    '春蕾计划',
    'WOMENS_FEDERATION',
    { approval: { tiers: county(null) } },
    '晋检发办字〔2023〕10号 第三节',
  ],
  [
    'DISABLED_CHILD_REHABILITATION',
    '残疾儿童康复救助',
    'DISABLED_PERSONS_FEDERATION',
    { approval: { tiers: county(null) } },
    '襄政办发〔2023〕26号 六',
  ],
];

/** The programmes of every county of the city, with their configuration, and the city's dibao and tekun lines. */
export function planProgrammes(city: City, seed: string, at: Date): ProgrammePlan {
  const all: PlannedProgramme[] = [];
  const byCounty = city.counties.map((c, index) =>
    Object.fromEntries(
      CATALOGUE.map(([kind, name, unit, settings, note]) => {
        const programme: PlannedProgramme = {
          id: idFor(at, seed, 'programme', index, kind),
          kind,
          name,
          jurisdictionCode: c.code,
          organisationId: c.units[unit],
          settings,
          note,
        };
        all.push(programme);
        return [kind, programme];
      }),
    ),
  );
  return { all, byCounty, standard: { urbanFen: 78_000, ruralFen: 60_000, tekunFen: 101_400 } };
}
