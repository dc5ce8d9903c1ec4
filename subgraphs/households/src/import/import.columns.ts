/**
 * The columns a household list may have, and how each cell becomes a field of PersonInput or
 * CreateHouseholdInput. A field added to those inputs later is one more line in IMPORT_COLUMNS.
 */
import { checkCharacter, isJurisdictionCode } from '@doudi/shared';
import { RelationshipToHead, Sex } from '../person/person.entity.js';
import type { CreateHouseholdInput, PersonInput } from '../household/household.inputs.js';
import { isSensitiveField } from '../person/person.privacy.js';

/** One cell as a spreadsheet gives it: CSV cells are always text, XLSX cells may be typed. */ import { HukouType } from '../household/household.facts.js';
import {
  DisabilityCategory,
  EmploymentStatus,
  SchoolingStage,
  VeteranStatus,
  WorkAbility,
} from '../person/person.facts.js';

export type Cell = string | number | boolean | Date | null;

export enum ImportProblemCode {
  MISSING_COLUMN = 'MISSING_COLUMN',
  DUPLICATE_COLUMN = 'DUPLICATE_COLUMN',
  MISSING_VALUE = 'MISSING_VALUE',
  BAD_VALUE = 'BAD_VALUE',
  BAD_CHECK_DIGIT = 'BAD_CHECK_DIGIT',
  UNKNOWN_JURISDICTION = 'UNKNOWN_JURISDICTION',
  DUPLICATE_IN_FILE = 'DUPLICATE_IN_FILE',
  DUPLICATE_IN_REGISTRY = 'DUPLICATE_IN_REGISTRY',
  MISSING_HEAD = 'MISSING_HEAD',
  TWO_HEADS = 'TWO_HEADS',
  HOUSEHOLD_MISMATCH = 'HOUSEHOLD_MISMATCH',
  TOO_MANY_MEMBERS = 'TOO_MANY_MEMBERS',
  FORBIDDEN = 'FORBIDDEN',
}

/** What a cell parser throws: the row's problem with this column. */
export class CellProblem extends Error {
  constructor(
    readonly code: ImportProblemCode,
    message: string,
    /** The same advice without the cell's value, for columns whose values a report must not repeat. */
    readonly hint?: string,
  ) {
    super(message);
  }
}

/**
 * A sensitive column's parser (person.privacy.ts): a report lists its problems without the value, as
 * health facts are shown nowhere to a caller who may not read them.
 */
const withoutValue =
  <T>(parse: CellParser<T>): CellParser<T> =>
  (cell) => {
    try {
      return parse(cell);
    } catch (error) {
      if (!(error instanceof CellProblem)) throw error;
      throw new CellProblem(error.code, error.hint ?? 'Not a value this column takes');
    }
  };

const bad = (message: string) => new CellProblem(ImportProblemCode.BAD_VALUE, message);

/** A parser sees a non-empty cell; empty cells never reach it. */
export type CellParser<T> = (cell: Exclude<Cell, null>) => T;

type HouseholdField = Exclude<keyof CreateHouseholdInput, 'members' | 'idempotencyKey'>;

export type ImportColumn =
  | { target: 'householdKey'; headers: string[]; required: true; parse: CellParser<string> }
  | { target: 'person'; field: keyof PersonInput; headers: string[]; required: boolean; parse: CellParser<unknown> }
  | {
      target: 'household';
      field: HouseholdField;
      headers: string[];
      required: boolean;
      parse: CellParser<unknown>;
      /** The value is a division code that must exist in the organisations subgraph. */
      jurisdiction?: boolean;
    };

interface ColumnOptions {
  required?: boolean;
}

function person<K extends keyof PersonInput>(
  field: K,
  headers: string[],
  parse: CellParser<NonNullable<PersonInput[K]>>,
  options: ColumnOptions = {},
): ImportColumn {
  const checked = isSensitiveField(field) ? withoutValue(parse) : parse;
  return { target: 'person', field, headers, parse: checked, required: options.required ?? false };
}

function household<K extends HouseholdField>(
  field: K,
  headers: string[],
  parse: CellParser<NonNullable<CreateHouseholdInput[K]>>,
  options: ColumnOptions & { jurisdiction?: boolean } = {},
): ImportColumn {
  return {
    target: 'household',
    field,
    headers,
    parse,
    required: options.required ?? false,
    jurisdiction: options.jurisdiction,
  };
}

// ---------------------------------------------------------------------------------------------------
// Cell parsers

const asText = (cell: Exclude<Cell, null>): string => {
  if (cell instanceof Date) return isoDateOf(cell);
  return String(cell).trim();
};

export const text =
  (max: number): CellParser<string> =>
  (cell) => {
    const value = asText(cell);
    if (value.length > max) throw bad(`At most ${max} characters`);
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001F\u007F]/.test(value)) throw bad('No control characters (such as NUL, tabs or line breaks)');
    return value;
  };

/** Digits typed as text; Excel may have turned them into a number, which is fine up to 15 digits. */
const digits = (cell: Exclude<Cell, null>, what: string): string => {
  if (typeof cell === 'number') {
    if (!Number.isSafeInteger(cell))
      throw bad(
        `${what} was stored as a number and Excel kept only 15 digits: format the column as text and retype it`,
      );
    return String(cell);
  }
  // A leading apostrophe or tab is how people keep Excel from turning digits into a number.
  return asText(cell).replace(/^['\t]+/, '');
};

/** The GB 11643 check digit is told apart from other mistakes, since it is the one a typo breaks. */
export const idNumber: CellParser<string> = (cell) => {
  const value = digits(cell, 'The ID number').toUpperCase();
  if (/^\d{17}[\dX]$/.test(value) && checkCharacter(value.slice(0, 17)) !== value[17]) {
    throw new CellProblem(
      ImportProblemCode.BAD_CHECK_DIGIT,
      `The ID number fails the GB 11643 check (last character should be ${checkCharacter(value.slice(0, 17))}): mistyped digit?`,
    );
  }
  return value;
};

export const phone: CellParser<string> = (cell) => digits(cell, 'The phone number');

export const jurisdictionCode: CellParser<string> = (cell) => {
  const value = digits(cell, 'The division code');
  if (!isJurisdictionCode(value)) throw bad(`A division code has 12 digits (e.g. 141023100201), got "${value}"`);
  return value;
};

const pad = (n: number | string) => String(n).padStart(2, '0');
const isoDateOf = (date: Date) => `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;

/** Excel's day numbers (1900 date system, counting its phantom 29 February 1900). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** YYYY-MM-DD, YYYY/M/D, YYYY.M.D, YYYYMMDD, YYYY年M月D日, a date cell or an Excel day number. */
export const date: CellParser<string> = (cell) => {
  if (cell instanceof Date) return isoDateOf(cell);
  if (typeof cell === 'number') {
    if (Number.isInteger(cell) && cell >= 19000101 && cell <= 29991231) return date(String(cell));
    if (cell > 0 && cell < 2958466) return isoDateOf(new Date(EXCEL_EPOCH + Math.floor(cell) * 86_400_000));
    throw bad(`Not a date: ${cell}`);
  }
  const value = asText(cell);
  const match = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(value) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (!match) throw bad(`Write dates as YYYY-MM-DD, got "${value}"`);
  return `${match[1]}-${pad(match[2])}-${pad(match[3])}`;
};

/** Maps the words people write (Chinese or English, any case) to one enum value. */
export function oneOf<T extends string>(values: Record<string, T>, words: Record<string, T>): CellParser<T> {
  const lookup = new Map<string, T>();
  for (const value of Object.values(values)) lookup.set(value.toLowerCase(), value);
  for (const [word, value] of Object.entries(words)) lookup.set(word.toLowerCase(), value);
  return (cell) => {
    const word = asText(cell).replace(/\s/g, '').toLowerCase();
    const value = lookup.get(word);
    if (!value) {
      const choices = [...new Set(Object.keys(words))].join('、');
      throw new CellProblem(
        ImportProblemCode.BAD_VALUE,
        `"${asText(cell)}" is not one of ${choices}`,
        `Write one of ${choices}`,
      );
    }
    return value;
  };
}

const SEX_WORDS: Record<string, Sex> = {
  男: Sex.MALE,
  女: Sex.FEMALE,
  m: Sex.MALE,
  f: Sex.FEMALE,
  1: Sex.MALE,
  2: Sex.FEMALE,
};

const { SELF, SPOUSE, CHILD, PARENT, GRANDCHILD, GRANDPARENT, SIBLING, OTHER } = RelationshipToHead;
const RELATIONSHIP_WORDS: Record<string, RelationshipToHead> = {
  户主: SELF,
  本人: SELF,
  配偶: SPOUSE,
  妻: SPOUSE,
  妻子: SPOUSE,
  夫: SPOUSE,
  丈夫: SPOUSE,
  子: CHILD,
  女: CHILD,
  儿子: CHILD,
  女儿: CHILD,
  长子: CHILD,
  次子: CHILD,
  长女: CHILD,
  次女: CHILD,
  养子: CHILD,
  养女: CHILD,
  继子: CHILD,
  继女: CHILD,
  子女: CHILD,
  父亲: PARENT,
  母亲: PARENT,
  父: PARENT,
  母: PARENT,
  孙子: GRANDCHILD,
  孙女: GRANDCHILD,
  外孙子: GRANDCHILD,
  外孙女: GRANDCHILD,
  祖父: GRANDPARENT,
  祖母: GRANDPARENT,
  外祖父: GRANDPARENT,
  外祖母: GRANDPARENT,
  兄: SIBLING,
  弟: SIBLING,
  姐: SIBLING,
  妹: SIBLING,
  哥哥: SIBLING,
  弟弟: SIBLING,
  姐姐: SIBLING,
  妹妹: SIBLING,
  兄弟姐妹: SIBLING,
  其他: OTHER,
};

/** 是/否 as villages write it, or yes/no, true/false, 1/0. */
export const yesNo: CellParser<boolean> = (cell) => {
  if (typeof cell === 'boolean') return cell;
  const word = asText(cell).trim().toLowerCase();
  if (['是', '有', 'y', 'yes', 'true', '1'].includes(word)) return true;
  if (['否', '无', 'n', 'no', 'false', '0'].includes(word)) return false;
  throw new CellProblem(ImportProblemCode.BAD_VALUE, `Expected 是 or 否, got "${word}"`, 'Write 是 or 否');
};

export const grade: CellParser<number> = (cell) => {
  const value = Number(
    asText(cell).replace(/[级一二三四]/g, (c) => ({ 一: '1', 二: '2', 三: '3', 四: '4', 级: '' })[c] ?? c),
  );
  if (!Number.isInteger(value)) throw bad('A disability grade is 1 to 4');
  return value;
};

const HUKOU_WORDS: Record<string, HukouType> = {
  农业: HukouType.RURAL,
  农村: HukouType.RURAL,
  非农业: HukouType.URBAN,
  城镇: HukouType.URBAN,
};
const DISABILITY_WORDS: Record<string, DisabilityCategory> = {
  视力: DisabilityCategory.VISUAL,
  听力: DisabilityCategory.HEARING,
  言语: DisabilityCategory.SPEECH,
  肢体: DisabilityCategory.PHYSICAL,
  智力: DisabilityCategory.INTELLECTUAL,
  精神: DisabilityCategory.MENTAL,
  多重: DisabilityCategory.MULTIPLE,
};
const WORK_ABILITY_WORDS: Record<string, WorkAbility> = {
  有: WorkAbility.FULL,
  部分: WorkAbility.PARTIAL,
  无: WorkAbility.NONE,
  丧失: WorkAbility.NONE,
};

// ---------------------------------------------------------------------------------------------------
// The table: Chinese headers first (as villages write them), then the English field name.

export const IMPORT_COLUMNS: ImportColumn[] = [
  {
    target: 'householdKey',
    headers: ['户编号', '户号', '家庭编号', 'householdKey'],
    required: true,
    parse: text(64),
  },
  household('jurisdictionCode', ['户籍地区划代码', '区划代码', '行政区划代码', 'jurisdictionCode'], jurisdictionCode, {
    required: true,
    jurisdiction: true,
  }),
  household('address', ['家庭住址', '住址', '地址', 'address'], text(200)),
  person('name', ['姓名', 'name'], text(50), { required: true }),
  person('sex', ['性别', 'sex'], oneOf(Sex, SEX_WORDS), { required: true }),
  person('birthDate', ['出生日期', '出生年月日', 'birthDate'], date),
  person(
    'relationshipToHead',
    ['与户主关系', '与户主的关系', '户主关系', 'relationshipToHead'],
    oneOf(RelationshipToHead, RELATIONSHIP_WORDS),
    { required: true },
  ),
  person('idNumber', ['身份证号', '身份证号码', '公民身份号码', 'idNumber'], idNumber),
  person('phone', ['联系电话', '电话', '手机号', '手机号码', 'phone'], phone),
  household('residenceJurisdictionCode', ['居住地区划代码', 'residenceJurisdictionCode'], jurisdictionCode, {
    jurisdiction: true,
  }),
  household('hukouType', ['户口性质', 'hukouType'], oneOf(HukouType, HUKOU_WORDS)),
  person('disabilityCategory', ['残疾类别', 'disabilityCategory'], oneOf(DisabilityCategory, DISABILITY_WORDS)),
  person('disabilityGrade', ['残疾等级', 'disabilityGrade'], grade),
  person('hasDisabilityCertificate', ['持残疾证', 'hasDisabilityCertificate'], yesNo),
  person('seriousIllness', ['重病', 'seriousIllness'], yesNo),
  person('chronicIllness', ['慢性病', 'chronicIllness'], yesNo),
  person('workAbility', ['劳动能力', 'workAbility'], oneOf(WorkAbility, WORK_ABILITY_WORDS)),
  person('schoolingStage', ['就学阶段', 'schoolingStage'], oneOf(SchoolingStage, {})),
  person('employmentStatus', ['就业状况', 'employmentStatus'], oneOf(EmploymentStatus, {})),
  person('veteranStatus', ['优抚类别', 'veteranStatus'], oneOf(VeteranStatus, {})),
  person('orphan', ['孤儿', 'orphan'], yesNo),
  person('unattendedChild', ['事实无人抚养儿童', 'unattendedChild'], yesNo),
];

/** How a header is compared: no spaces, no "*" required-markers, no notes in brackets, any case. */
export const normaliseHeader = (header: string) =>
  header
    .replace(/[（(][^）)]*[）)]/g, '')
    .replace(/[\s*＊]/g, '')
    .toLowerCase();
