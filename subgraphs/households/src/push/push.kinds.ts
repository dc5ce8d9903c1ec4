/**
 * What the township's offices push into the registry (河鱼府发【2021】39号 二(四)): one kind per list an office keeps,
 * its columns (the ID number, then the kind's own values) and the registry facts a matched row sets. The table in
 * subgraphs/households/README.md ("Departments' data pushes") is this file in words; keep them together.
 */
import { registerEnumType } from 'type-graphql';
import { ageOn } from '@doudi/shared';
import {
  CellProblem,
  date,
  grade,
  ImportProblemCode,
  jurisdictionCode,
  oneOf,
  text,
  type CellParser,
} from '../import/import.columns.js';
import { DisasterKind, HousingAssistance, PovertyMonitoringStatus } from '../household/household.facts.js';
import { DisabilityCategory, EmploymentStatus, ReliefCategory, SchoolingStage } from '../person/person.facts.js';
import type { HeaderColumn } from '../import/import.parse.js';

export enum DataPushKind {
  /** 民政办: 特困人员 */
  TEKUN = 'TEKUN',
  /** 民政办: 低保对象 */
  DIBAO = 'DIBAO',
  /** 民政办: 事实无人抚养儿童 */
  UNATTENDED_CHILD = 'UNATTENDED_CHILD',
  /** 民政办: 独居老人 */
  ELDERLY_LIVING_ALONE = 'ELDERLY_LIVING_ALONE',
  /** 经发办: 当年大学录取 */
  UNIVERSITY_ADMISSION = 'UNIVERSITY_ADMISSION',
  /** 社保所: 失业人员 */
  UNEMPLOYMENT = 'UNEMPLOYMENT',
  /** 社保所: 慢性病 */
  CHRONIC_ILLNESS = 'CHRONIC_ILLNESS',
  /** 社保所: 农村大病患者 */
  SERIOUS_ILLNESS = 'SERIOUS_ILLNESS',
  /** 城建办: 住房保障 */
  HOUSING_ASSISTANCE = 'HOUSING_ASSISTANCE',
  /** 应急办: 因灾困难家庭 */
  DISASTER = 'DISASTER',
  /** 振兴办: 防止返贫监测对象 (脱贫不稳定户、边缘易致贫户、突发严重困难户) */
  POVERTY_MONITORING = 'POVERTY_MONITORING',
  /** 残联: 残疾人 */
  DISABILITY = 'DISABILITY',
}
registerEnumType(DataPushKind, {
  name: 'DataPushKind',
  description: "A list one of the township's offices pushes into the registry (河鱼府发【2021】39号 二(四)).",
});

/** A kind-specific value of a row, by key: what a row of the API gives and what a file's column fills. */
export type PushValues = Partial<{
  disabilityGrade: number;
  disabilityCategory: DisabilityCategory;
  unemployedSince: string;
  school: string;
  admissionYear: number;
  disasterKind: DisasterKind;
  disasterDate: string;
  lossFen: number;
  monitoringStatus: PovertyMonitoringStatus;
  monitoringSince: string;
  housingAssistance: HousingAssistance;
}>;
export type ValueKey = keyof PushValues;

/** Where a pushed fact lands: a column of the member the row names, or of that member's household. */
export interface FactChange {
  target: 'person' | 'household';
  field: string;
  value: unknown;
}

/** What a row's values mean on the day of the data; problems throw CellProblem. */
export interface RowContext {
  asOf: string;
  birthDate: string;
  /** The organisation's name, as povertyMonitoringSource keeps it. */
  sourceName: string;
}

export interface PushColumn extends HeaderColumn {
  key: ValueKey;
  parse: CellParser<unknown>;
}

/** A column every kind has (the ID number is read by the row check itself). */
export interface CommonColumn extends HeaderColumn {
  key: 'idNumber' | 'name' | 'jurisdictionCode';
  parse: CellParser<unknown>;
}

export interface KindDefinition {
  office: string;
  /** The words of the history's source: 残联推送 … */
  label: string;
  columns: PushColumn[];
  /** The facts a valid row sets (checked against its values and the person's age). */
  facts(values: PushValues, context: RowContext): FactChange[];
}

const bad = (message: string) => new CellProblem(ImportProblemCode.BAD_VALUE, message);
const person = (field: string, value: unknown): FactChange => ({ target: 'person', field, value });
const household = (field: string, value: unknown): FactChange => ({ target: 'household', field, value });
const column = (key: ValueKey, headers: string[], parse: CellParser<unknown>, required = true): PushColumn => ({
  key,
  headers: [...headers, key],
  parse,
  required,
});

const year: CellParser<number> = (cell) => {
  const value = Number(String(cell).trim().replace(/年$/, ''));
  if (!Number.isInteger(value) || value < 1950 || value > 2200) throw bad('A year such as 2026');
  return value;
};
const yuan: CellParser<number> = (cell) => {
  const value = String(cell).trim().replace(/元$/, '');
  const match = /^(\d{1,8})(?:\.(\d{1,2}))?$/.exec(value);
  if (!match) throw bad(`An amount in yuan such as 12000.50 (at most 99,999,999), got "${value}"`);
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
};
const notAfter = (asOf: string, value: string, what: string) => {
  if (value > asOf) throw bad(`${what} ${value} is after the date of the data (${asOf})`);
  return value;
};

const DISABILITY_WORDS: Record<string, DisabilityCategory> = {
  视力: DisabilityCategory.VISUAL,
  视力残疾: DisabilityCategory.VISUAL,
  听力: DisabilityCategory.HEARING,
  听力残疾: DisabilityCategory.HEARING,
  言语: DisabilityCategory.SPEECH,
  言语残疾: DisabilityCategory.SPEECH,
  肢体: DisabilityCategory.PHYSICAL,
  肢体残疾: DisabilityCategory.PHYSICAL,
  智力: DisabilityCategory.INTELLECTUAL,
  智力残疾: DisabilityCategory.INTELLECTUAL,
  精神: DisabilityCategory.MENTAL,
  精神残疾: DisabilityCategory.MENTAL,
  多重: DisabilityCategory.MULTIPLE,
  多重残疾: DisabilityCategory.MULTIPLE,
};
const DISASTER_WORDS: Record<string, DisasterKind> = {
  洪涝: DisasterKind.FLOOD,
  水灾: DisasterKind.FLOOD,
  干旱: DisasterKind.DROUGHT,
  旱灾: DisasterKind.DROUGHT,
  地震: DisasterKind.EARTHQUAKE,
  地质灾害: DisasterKind.GEOLOGICAL,
  滑坡: DisasterKind.GEOLOGICAL,
  风雹: DisasterKind.STORM,
  台风: DisasterKind.STORM,
  火灾: DisasterKind.FIRE,
  其他: DisasterKind.OTHER,
};
const MONITORING_WORDS: Record<string, PovertyMonitoringStatus> = {
  脱贫不稳定户: PovertyMonitoringStatus.UNSTABLE_OUT_OF_POVERTY,
  边缘易致贫户: PovertyMonitoringStatus.MARGINAL_AT_RISK,
  突发严重困难户: PovertyMonitoringStatus.SUDDEN_SEVERE_HARDSHIP,
  解除监测: PovertyMonitoringStatus.NONE,
};
const HOUSING_WORDS: Record<string, HousingAssistance> = {
  公租房: HousingAssistance.PUBLIC_RENTAL_HOUSING,
  公共租赁住房: HousingAssistance.PUBLIC_RENTAL_HOUSING,
  租赁补贴: HousingAssistance.RENT_SUBSIDY,
  危房改造: HousingAssistance.DILAPIDATED_HOUSE_RENOVATION,
  农村危房改造: HousingAssistance.DILAPIDATED_HOUSE_RENOVATION,
};

/** Flags of the civil-affairs and social-security lists: being on the list is the fact. */
const flag =
  (...changes: FactChange[]) =>
  () =>
    changes;

export const KINDS: Record<DataPushKind, KindDefinition> = {
  [DataPushKind.TEKUN]: {
    office: '民政办',
    label: '民政办推送特困人员',
    columns: [],
    facts: flag(person('reliefCategory', ReliefCategory.TEKUN)),
  },
  [DataPushKind.DIBAO]: {
    office: '民政办',
    label: '民政办推送低保对象',
    columns: [],
    facts: flag(person('reliefCategory', ReliefCategory.DIBAO)),
  },
  [DataPushKind.UNATTENDED_CHILD]: {
    office: '民政办',
    label: '民政办推送事实无人抚养儿童',
    columns: [],
    facts: (_values, { asOf, birthDate }) => {
      if (ageOn(birthDate, asOf) >= 18) throw bad('A de-facto unattended child is under 18 (by the ID number)');
      return [person('unattendedChild', true)];
    },
  },
  [DataPushKind.ELDERLY_LIVING_ALONE]: {
    office: '民政办',
    label: '民政办推送独居老人',
    columns: [],
    facts: (_values, { asOf, birthDate }) => {
      if (ageOn(birthDate, asOf) < 60) throw bad('An old person living alone is 60 or older (by the ID number)');
      return [person('livesAlone', true)];
    },
  },
  [DataPushKind.UNIVERSITY_ADMISSION]: {
    office: '经发办',
    label: '经发办推送大学录取',
    columns: [column('school', ['录取学校', '学校'], text(100)), column('admissionYear', ['录取年份', '年份'], year)],
    facts: (values, { asOf }) => {
      const y = Number(asOf.slice(0, 4));
      if (values.admissionYear! < y - 1 || values.admissionYear! > y + 1)
        throw bad(`An admission of this year's push is of ${y - 1} to ${y + 1}`);
      return [
        person('schoolingStage', SchoolingStage.HIGHER),
        person('admissionSchool', values.school),
        person('admissionYear', values.admissionYear),
      ];
    },
  },
  [DataPushKind.UNEMPLOYMENT]: {
    office: '社保所',
    label: '社保所推送失业人员',
    columns: [column('unemployedSince', ['失业日期', '失业时间'], date)],
    facts: (values, { asOf }) => [
      person('employmentStatus', EmploymentStatus.UNEMPLOYED),
      person('unemployedSince', notAfter(asOf, values.unemployedSince!, 'The unemployment date')),
    ],
  },
  [DataPushKind.CHRONIC_ILLNESS]: {
    office: '社保所',
    label: '社保所推送慢性病患者',
    columns: [],
    facts: flag(person('chronicIllness', true)),
  },
  [DataPushKind.SERIOUS_ILLNESS]: {
    office: '社保所',
    label: '社保所推送农村大病患者',
    columns: [],
    facts: flag(person('seriousIllness', true)),
  },
  [DataPushKind.HOUSING_ASSISTANCE]: {
    office: '城建办',
    label: '城建办推送住房保障',
    columns: [column('housingAssistance', ['住房保障类型', '保障类型'], oneOf(HousingAssistance, HOUSING_WORDS))],
    facts: (values) => [household('housingAssistance', values.housingAssistance)],
  },
  [DataPushKind.DISASTER]: {
    office: '应急办',
    label: '应急办推送因灾困难家庭',
    columns: [
      column('disasterKind', ['灾害类型', '灾种'], oneOf(DisasterKind, DISASTER_WORDS)),
      column('disasterDate', ['受灾日期', '灾害日期'], date),
      column('lossFen', ['损失金额', '直接经济损失', 'lossAmount'], yuan),
    ],
    facts: (values, { asOf }) => [
      household('disasterKind', values.disasterKind),
      household('disasterDate', notAfter(asOf, values.disasterDate!, 'The disaster date')),
      household('disasterLossFen', values.lossFen),
    ],
  },
  [DataPushKind.POVERTY_MONITORING]: {
    office: '振兴办',
    label: '振兴办推送监测对象',
    columns: [
      column('monitoringStatus', ['监测类型', '监测对象类型'], oneOf(PovertyMonitoringStatus, MONITORING_WORDS)),
      column('monitoringSince', ['纳入监测日期', '纳入日期'], date, false),
    ],
    facts: (values, { asOf, sourceName }) => {
      const none = values.monitoringStatus === PovertyMonitoringStatus.NONE;
      return [
        household('povertyMonitoringStatus', values.monitoringStatus),
        household('povertyMonitoringSource', none ? null : sourceName),
        household(
          'povertyMonitoringSince',
          none ? null : notAfter(asOf, values.monitoringSince ?? asOf, 'The monitoring date'),
        ),
      ];
    },
  },
  [DataPushKind.DISABILITY]: {
    office: '残联',
    label: '残联推送残疾人',
    columns: [
      column('disabilityGrade', ['残疾等级', '等级'], (cell) => {
        const value = grade(cell);
        if (value < 1 || value > 4) throw bad('A disability grade is 1 (most severe) to 4');
        return value;
      }),
      column('disabilityCategory', ['残疾类别', '类别'], oneOf(DisabilityCategory, DISABILITY_WORDS)),
    ],
    facts: (values) => [
      person('hasDisabilityCertificate', true),
      person('disabilityCategory', values.disabilityCategory),
      person('disabilityGrade', values.disabilityGrade),
    ],
  },
};

/** The columns every kind has: the ID number, and optionally the name and division the office knows. */
export const COMMON_COLUMNS: Record<'idNumber' | 'name' | 'jurisdictionCode', CommonColumn> = {
  idNumber: {
    key: 'idNumber',
    headers: ['身份证号', '身份证号码', '公民身份号码', 'idNumber'],
    required: true,
    parse: (cell) => cell,
  },
  name: { key: 'name', headers: ['姓名', 'name'], required: false, parse: text(50) },
  jurisdictionCode: {
    key: 'jurisdictionCode',
    headers: ['区划代码', '行政区划代码', '居住地区划代码', 'jurisdictionCode'],
    required: false,
    parse: jurisdictionCode,
  },
};

/** Every value key any kind takes: a row giving one its kind does not take is refused. */
export const ALL_VALUE_KEYS: ValueKey[] = [
  ...new Set(Object.values(KINDS).flatMap((kind) => kind.columns.map((c) => c.key))),
];
