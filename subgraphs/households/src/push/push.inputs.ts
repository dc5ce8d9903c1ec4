import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, PageArgs } from '@doudi/shared';
import { ImportFormat } from '../import/import.parse.js';
import { DisasterKind, HousingAssistance, HukouType, PovertyMonitoringStatus } from '../household/household.facts.js';
import { RelationshipToHead } from '../person/person.entity.js';
import { DisabilityCategory } from '../person/person.facts.js';
import { DataPush, DataPushUnmatchedRow, UnmatchedRowStatus } from './push.entity.js';
import { DataPushKind } from './push.kinds.js';

@InputType({ description: "One row of an office's list: the ID number and the values its kind takes." })
export class DataPushRowInput {
  @Field(() => String, { description: 'The 18-character ID number (GB 11643).' })
  idNumber: string;

  @Field(() => String, {
    nullable: true,
    description: 'The name as the office has it (for registering an unmatched row).',
  })
  name?: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The division the office places the person in (routes an unmatched row).',
  })
  jurisdictionCode?: string;

  @Field(() => Int, { nullable: true, description: 'DISABILITY: 1 (most severe) to 4.' })
  disabilityGrade?: number;

  @Field(() => DisabilityCategory, { nullable: true, description: 'DISABILITY.' })
  disabilityCategory?: DisabilityCategory;

  @Field(() => DateScalar, { nullable: true, description: 'UNEMPLOYMENT: unemployed since (not after asOf).' })
  unemployedSince?: string;

  @Field(() => String, { nullable: true, description: 'UNIVERSITY_ADMISSION: the school.' })
  school?: string;

  @Field(() => Int, { nullable: true, description: 'UNIVERSITY_ADMISSION: the year of entry.' })
  admissionYear?: number;

  @Field(() => DisasterKind, { nullable: true, description: 'DISASTER.' })
  disasterKind?: DisasterKind;

  @Field(() => DateScalar, { nullable: true, description: 'DISASTER: the day of the disaster (not after asOf).' })
  disasterDate?: string;

  @Field(() => String, { nullable: true, description: 'DISASTER: the loss in yuan ("12000.50").' })
  lossAmount?: string;

  @Field(() => PovertyMonitoringStatus, { nullable: true, description: 'POVERTY_MONITORING (NONE ends monitoring).' })
  monitoringStatus?: PovertyMonitoringStatus;

  @Field(() => DateScalar, { nullable: true, description: 'POVERTY_MONITORING: monitored since (default asOf).' })
  monitoringSince?: string;

  @Field(() => HousingAssistance, { nullable: true, description: 'HOUSING_ASSISTANCE.' })
  housingAssistance?: HousingAssistance;
}

@InputType({ description: 'A list as a file: CSV (UTF-8 or GB18030) or the first sheet of an XLSX workbook.' })
export class DataPushFileInput {
  @Field(() => ImportFormat)
  format: ImportFormat;

  @Field(() => String, {
    description:
      'The file, base64. Row 1 holds the headers: 身份证号, optionally 姓名 and 区划代码, then the columns of the ' +
      'kind (README, "Departments\' data pushes"; English field names work too).',
  })
  contentBase64: string;
}

@InputType()
export class PushDepartmentDataInput {
  @Field(() => DataPushKind)
  kind: DataPushKind;

  @Field(() => ID, { description: "The office whose data it is: the caller's own organisation." })
  sourceOrganisationId: string;

  @Field(() => DateScalar, { description: 'The date of the data: the history records the facts as of this day.' })
  asOf: string;

  @Field(() => [DataPushRowInput], { nullable: true, description: 'The rows; or send a file instead.' })
  rows?: DataPushRowInput[];

  @Field(() => DataPushFileInput, { nullable: true })
  file?: DataPushFileInput;

  @Field(() => Boolean, { description: "true: report every row's outcome and write nothing." })
  dryRun: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Send the same key when retrying; a batch with the same content goes in once with or without it.',
  })
  idempotencyKey?: string;
}

export enum DataPushOutcome {
  /** A registered person within reach: the facts listed change. */
  MATCHED = 'MATCHED',
  /** A registered person within reach whose facts already say so. */
  UNCHANGED = 'UNCHANGED',
  /** No registered person within the pusher's reach (registered nowhere, or outside it: the answer is the same). */
  UNMATCHED = 'UNMATCHED',
  /** The row cannot be read; a batch with one writes nothing. */
  INVALID = 'INVALID',
}
registerEnumType(DataPushOutcome, { name: 'DataPushOutcome' });

@ObjectType()
export class DataPushFactChange {
  @Field(() => String, { description: 'The fact, e.g. disabilityGrade, povertyMonitoringStatus.' })
  field: string;

  @Field(() => String, { description: 'Person or Household.' })
  entityType: string;

  @Field(() => String, { nullable: true, description: 'The value it takes, as JSON (the office’s own value).' })
  to: string | null;
}

@ObjectType({ description: 'What became (or, in a dry run, would become) of one row.' })
export class DataPushRowResult {
  @Field(() => Int, { description: 'The row: its place in `rows` from 1, or in the file (the header is row 1).' })
  row: number;

  @Field(() => String, { nullable: true, description: 'The ID number, masked; null when it cannot be read.' })
  idNumber: string | null;

  @Field(() => DataPushOutcome)
  outcome: DataPushOutcome;

  @Field(() => [DataPushFactChange], { description: 'MATCHED: the facts that change.' })
  changes: DataPushFactChange[];

  @Field(() => String, { nullable: true, description: 'INVALID: the column at fault.' })
  column: string | null;

  @Field(() => String, { nullable: true, description: 'INVALID: what is wrong.' })
  problem: string | null;
}

@ObjectType({ description: 'The answer to a push: its counts, every row’s outcome and, once written, the batch.' })
export class DataPushReport {
  @Field(() => Boolean)
  dryRun: boolean;

  @Field(() => Boolean, { description: 'true when the batch went in (now or, for a re-sent batch, before).' })
  written: boolean;

  @Field(() => Boolean, { description: 'true when this batch had been pushed before: nothing changed this time.' })
  repeated: boolean;

  @Field(() => DataPush, { nullable: true, description: 'The batch, once written.' })
  push: DataPush | null;

  @Field(() => Int)
  rowCount: number;

  @Field(() => Int)
  matched: number;

  @Field(() => Int)
  unchanged: number;

  @Field(() => Int)
  unmatched: number;

  @Field(() => Int)
  invalid: number;

  @Field(() => [DataPushRowResult], {
    description: 'Every row, in order (a re-sent batch: none, as nothing was done with them).',
  })
  results: DataPushRowResult[];

  @Field(() => [String], { description: 'Headers of the file that match no column of the kind: not read.' })
  ignoredColumns: string[];
}

@InputType()
export class DataPushFilter {
  @Field(() => ID, { nullable: true, description: 'Pushes by offices in this division or below.' })
  jurisdictionCode?: string;

  @Field(() => DataPushKind, { nullable: true })
  kind?: DataPushKind;

  @Field(() => ID, { nullable: true })
  sourceOrganisationId?: string;
}

@ArgsType()
export class DataPushListArgs extends PageArgs {
  @Field(() => DataPushFilter, { nullable: true })
  filter?: DataPushFilter;
}

@InputType()
export class UnmatchedRowFilter {
  @Field(() => ID, { nullable: true, description: 'Rows placed in this division or below.' })
  jurisdictionCode?: string;

  @Field(() => UnmatchedRowStatus, { nullable: true, description: 'Default: PENDING.' })
  status?: UnmatchedRowStatus;

  @Field(() => ID, { nullable: true })
  dataPushId?: string;
}

@ArgsType()
export class UnmatchedRowListArgs extends PageArgs {
  @Field(() => UnmatchedRowFilter, { nullable: true })
  filter?: UnmatchedRowFilter;
}

@InputType({ description: 'Where to register the person of an unmatched row, when they are not yet registered.' })
export class UnmatchedRowHouseholdInput {
  @Field(() => ID, { description: 'The hukou place (户籍地).' })
  jurisdictionCode: string;

  @Field(() => ID, { nullable: true, description: 'Where the family lives, if not at its hukou place.' })
  residenceJurisdictionCode?: string;

  @Field(() => HukouType, { nullable: true })
  hukouType?: HukouType;

  @Field(() => String, { nullable: true })
  address?: string;
}

@InputType({
  description:
    "One of: personId (a registered member with the row's ID number), householdId with relationshipToHead (adds the " +
    "row's person to that household) or newHousehold (registers a household with the row's person as its head). The " +
    'ID number, sex and birth date come from the row; the name from the row unless given.',
})
export class RegisterUnmatchedRowInput {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { nullable: true, description: 'The version read: a stale one is CONFLICT.' })
  version?: number;

  @Field(() => ID, { nullable: true, description: "A registered member with the row's ID number." })
  personId?: string;

  @Field(() => ID, { nullable: true, description: "Add the row's person to this household (addHouseholdMember)." })
  householdId?: string;

  @Field(() => RelationshipToHead, { nullable: true, description: 'With householdId.' })
  relationshipToHead?: RelationshipToHead;

  @Field(() => UnmatchedRowHouseholdInput, {
    nullable: true,
    description: "Register a household with the row's person as its head (createHousehold).",
  })
  newHousehold?: UnmatchedRowHouseholdInput;

  @Field(() => String, { nullable: true, description: 'The name, when the office gave none or another spelling.' })
  name?: string;
}

@InputType()
export class DismissUnmatchedRowInput {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { nullable: true })
  version?: number;

  @Field(() => String, { description: 'Why the row needs no registration (moved away, deceased …).' })
  reason: string;
}

@ObjectType()
export class UnmatchedRowPayload {
  @Field(() => DataPushUnmatchedRow)
  row: DataPushUnmatchedRow;
}
