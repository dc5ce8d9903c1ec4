import type { ProgrammeKind } from '../programme/programme-kind.js';

/**
 * The facts an eligibility rule or benefit formula reads (see FACTS.md). Amounts are yuan, not fen,
 * because rule authors copy them from published standards ("低保标准 650 元/月"). Null always means
 * "not known", never "no" or zero: a rule that needs an unknown fact is MISSING_INFORMATION.
 */
export type HukouType = 'RURAL' | 'URBAN';
export type PovertyMonitoring = 'NONE' | 'UNSTABLE_OUT_OF_POVERTY' | 'MARGINAL_AT_RISK' | 'SUDDEN_SEVERE_HARDSHIP';
export type Relationship = 'SELF' | 'SPOUSE' | 'CHILD' | 'PARENT' | 'GRANDPARENT' | 'GRANDCHILD' | 'SIBLING' | 'OTHER';
export type Schooling =
  'NONE' | 'PRESCHOOL' | 'PRIMARY' | 'JUNIOR_SECONDARY' | 'SENIOR_SECONDARY' | 'VOCATIONAL' | 'HIGHER' | 'FINISHED';
export type Employment = 'EMPLOYED' | 'SELF_EMPLOYED' | 'UNEMPLOYED' | 'STUDENT' | 'RETIRED' | 'NOT_IN_LABOUR_FORCE';
export type WorkAbility = 'FULL' | 'PARTIAL' | 'NONE';
export type Veteran = 'NONE' | 'VETERAN' | 'MARTYR_FAMILY' | 'ENTITLED_GROUP';

export interface HouseholdFacts {
  size: number;
  hukouType: HukouType | null;
  jurisdictionCode: string;
  residenceCode: string;
  perCapitaIncome: number | null;
  totalAssets: number;
  povertyMonitoring: PovertyMonitoring;
  hasAbleObligor: boolean;
  receives: `${ProgrammeKind}`[];
}

export interface MemberFacts {
  age: number | null;
  sex: 'MALE' | 'FEMALE';
  relationship: Relationship;
  orphan: boolean;
  unattendedChild: boolean;
  schooling: Schooling | null;
  employment: Employment | null;
  workAbility: WorkAbility | null;
  veteran: Veteran;
  disabled: boolean | null;
  disabilityGrade: number | null;
  disabilityCategory: string | null;
  seriousIllness: boolean | null;
  chronicIllness: boolean | null;
}

export interface StandardFacts {
  dibaoLine: number | null;
  dibaoUrban: number | null;
  dibaoRural: number | null;
  tekun: number | null;
  lowIncomeMultiplier: number;
  lowIncomeLine: number | null;
}

export interface Facts {
  household: HouseholdFacts;
  members: MemberFacts[];
  standards: StandardFacts;
}

export type FactScope = 'household' | 'members' | 'standards';
export type CelFactType = 'int' | 'double' | 'string' | 'bool' | 'list<string>';

export interface FactDeclaration {
  /** `household.size`, `members.age` (a field of each member), `standards.dibaoLine`. */
  path: string;
  type: CelFactType;
  description: string;
  /** When the fact is null; absent for facts that are always known. */
  whenNull?: string;
}

const UNSEEN = 'unknown, or the caller may not see health facts';

export const FACT_DECLARATIONS: readonly FactDeclaration[] = [
  { path: 'household.size', type: 'int', description: 'Members living together (家庭人口)' },
  { path: 'household.hukouType', type: 'string', description: "'RURAL' or 'URBAN' (户口性质)", whenNull: 'unknown' },
  { path: 'household.jurisdictionCode', type: 'string', description: 'Hukou place (户籍地), 12-digit code' },
  { path: 'household.residenceCode', type: 'string', description: 'Where the family lives (居住地), 12-digit code' },
  {
    path: 'household.perCapitaIncome',
    type: 'double',
    description: 'Yuan per member per month, averaged over the last 12 months (家庭人均月收入)',
    whenNull: 'no income is recorded',
  },
  {
    path: 'household.totalAssets',
    type: 'double',
    description: 'Yuan, sum of recorded assets (家庭财产); 0 when none recorded',
  },
  {
    path: 'household.povertyMonitoring',
    type: 'string',
    description:
      "Monitoring status (防止返贫动态监测): 'NONE', 'UNSTABLE_OUT_OF_POVERTY' (脱贫不稳定户), 'MARGINAL_AT_RISK' (边缘易致贫户), 'SUDDEN_SEVERE_HARDSHIP' (突发严重困难户)",
  },
  {
    path: 'household.hasAbleObligor',
    type: 'bool',
    description: 'Some support obligor (赡养/抚养/扶养义务人) is able to support',
  },
  {
    path: 'household.receives',
    type: 'list<string>',
    description: "Kinds of programme with an active benefit (在享救助), e.g. ['DIBAO']",
  },
  {
    path: 'members.age',
    type: 'int',
    description: 'Whole years at the screening date (年龄)',
    whenNull: 'birth date unknown',
  },
  { path: 'members.sex', type: 'string', description: "'MALE' or 'FEMALE' (性别)" },
  {
    path: 'members.relationship',
    type: 'string',
    description:
      'To the head of household (与户主关系): SELF, SPOUSE, CHILD, PARENT, GRANDPARENT, GRANDCHILD, SIBLING, OTHER',
  },
  { path: 'members.orphan', type: 'bool', description: 'Orphan (孤儿)' },
  { path: 'members.unattendedChild', type: 'bool', description: 'Child without de facto carer (事实无人抚养儿童)' },
  {
    path: 'members.schooling',
    type: 'string',
    description:
      'Schooling (受教育阶段): NONE, PRESCHOOL, PRIMARY, JUNIOR_SECONDARY, SENIOR_SECONDARY, VOCATIONAL, HIGHER, FINISHED',
    whenNull: 'unknown',
  },
  {
    path: 'members.employment',
    type: 'string',
    description: 'Employment (就业状况): EMPLOYED, SELF_EMPLOYED, UNEMPLOYED, STUDENT, RETIRED, NOT_IN_LABOUR_FORCE',
    whenNull: 'unknown',
  },
  {
    path: 'members.workAbility',
    type: 'string',
    description: 'Work ability (劳动能力): FULL, PARTIAL, NONE',
    whenNull: 'unknown',
  },
  {
    path: 'members.veteran',
    type: 'string',
    description: 'Veteran status (优抚对象): NONE, VETERAN, MARTYR_FAMILY, ENTITLED_GROUP',
  },
  {
    path: 'members.disabled',
    type: 'bool',
    description: 'Holds a disability certificate (持残疾人证)',
    whenNull: UNSEEN,
  },
  {
    path: 'members.disabilityGrade',
    type: 'int',
    description: 'Disability grade 1–4 (残疾等级)',
    whenNull: `not disabled, ${UNSEEN}`,
  },
  {
    path: 'members.disabilityCategory',
    type: 'string',
    description: 'Disability category (残疾类别)',
    whenNull: `not disabled, ${UNSEEN}`,
  },
  { path: 'members.seriousIllness', type: 'bool', description: 'Serious illness (重病/大病)', whenNull: UNSEEN },
  { path: 'members.chronicIllness', type: 'bool', description: 'Chronic illness (慢性病)', whenNull: UNSEEN },
  {
    path: 'standards.dibaoLine',
    type: 'double',
    description: 'Monthly dibao line in yuan for this household, urban or rural by its hukouType (低保标准)',
    whenNull: 'the jurisdiction has no standard for the year, or hukouType is unknown',
  },
  {
    path: 'standards.dibaoUrban',
    type: 'double',
    description: 'Monthly urban dibao line in yuan (城市低保标准)',
    whenNull: 'not set',
  },
  {
    path: 'standards.dibaoRural',
    type: 'double',
    description: 'Monthly rural dibao line in yuan (农村低保标准)',
    whenNull: 'not set',
  },
  {
    path: 'standards.tekun',
    type: 'double',
    description: 'Monthly tekun support in yuan (特困人员供养标准)',
    whenNull: 'not set',
  },
  {
    path: 'standards.lowIncomeMultiplier',
    type: 'double',
    description:
      'Low-income line as a multiple of the dibao line (低收入倍数), 1.5 by default (河鱼府发【2021】39号 一)',
  },
  {
    path: 'standards.lowIncomeLine',
    type: 'double',
    description: 'lowIncomeMultiplier × dibaoLine in yuan (低收入标准)',
    whenNull: 'dibaoLine is null',
  },
];

/** The declared fields of one scope, e.g. `household` → { size: 'int', … }. */
export function fieldsOf(scope: FactScope): Record<string, CelFactType> {
  const fields: Record<string, CelFactType> = {};
  for (const { path, type } of FACT_DECLARATIONS) {
    const [head, field] = path.split('.');
    if (head === scope) fields[field] = type;
  }
  return fields;
}

/**
 * The standards facts for a household from a jurisdiction's published lines: the dibao line follows
 * the hukou type, so it is unknown while the hukou type is.
 */
export function deriveStandards(
  lines: {
    dibaoUrban: number | null;
    dibaoRural: number | null;
    tekun: number | null;
    lowIncomeMultiplier?: number | null;
  },
  hukouType: HukouType | null,
): StandardFacts {
  const lowIncomeMultiplier = lines.lowIncomeMultiplier ?? 1.5;
  const dibaoLine = hukouType === 'URBAN' ? lines.dibaoUrban : hukouType === 'RURAL' ? lines.dibaoRural : null;
  return {
    dibaoLine,
    dibaoUrban: lines.dibaoUrban,
    dibaoRural: lines.dibaoRural,
    tekun: lines.tekun,
    lowIncomeMultiplier,
    // Rounded to the fen so that 1.5 × 650.01 compares as the published figure would.
    lowIncomeLine: dibaoLine === null ? null : Math.round(dibaoLine * lowIncomeMultiplier * 100) / 100,
  };
}
