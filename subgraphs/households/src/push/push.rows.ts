/**
 * A pushed batch's rows as read — from the API's input or from a CSV/XLSX file — and each row checked on its own:
 * its ID number, its values by the kind's columns, and the facts they set (河鱼府发【2021】39号 二(四)).
 */
import { badInput, DomainError, maskIdNumber, parseIdNumber, withinJurisdiction, type Principal } from '@doudi/shared';
import type { PersonalDataVault } from '@doudi/shared';
import { CellProblem, ImportProblemCode, idNumber as idNumberCell, type Cell } from '../import/import.columns.js';
import { decodeBase64, isEmpty, matchHeader, readTable, type ImportFormat } from '../import/import.parse.js';
import {
  COMMON_COLUMNS,
  KINDS,
  type DataPushKind,
  type CommonColumn,
  type FactChange,
  type PushColumn,
  type PushValues,
  type ValueKey,
} from './push.kinds.js';
import { DataPushOutcome, type DataPushRowInput, type DataPushRowResult } from './push.inputs.js';

/** A file pushed instead of rows: its format and its bytes. */
export interface PushFile {
  format: ImportFormat;
  contentBase64: string;
}

/** One row as read: its cells by key (file or API), before any check. */
export interface RawRow {
  row: number;
  cells: Partial<Record<string, Cell | undefined>>;
  /** Values given that the kind does not take (API rows). */
  foreign: string[];
}

/** One row after the checks. */
export interface CheckedRow {
  row: number;
  idNumber: string | null;
  idHash: string | null;
  name: string | null;
  jurisdictionCode: string | null;
  values: PushValues;
  facts: FactChange[];
  result: DataPushRowResult;
}

const VALUE_COLUMNS = (kind: DataPushKind) => KINDS[kind].columns;

/** The API's field for a value key (the loss is given in yuan as lossAmount). */
const apiField = (key: ValueKey) => (key === 'lossFen' ? 'lossAmount' : key);
const API_VALUE_FIELDS = [
  'disabilityGrade',
  'disabilityCategory',
  'unemployedSince',
  'school',
  'admissionYear',
  'disasterKind',
  'disasterDate',
  'lossAmount',
  'monitoringStatus',
  'monitoringSince',
  'housingAssistance',
] as const;

export function rowsOfApi(kind: DataPushKind, rows: DataPushRowInput[]): RawRow[] {
  const own = new Map(VALUE_COLUMNS(kind).map((c) => [apiField(c.key), c.key] as const));
  return rows.map((input, i) => {
    const record = input as unknown as Record<string, unknown>;
    const cells: RawRow['cells'] = {
      idNumber: input.idNumber,
      name: input.name ?? null,
      jurisdictionCode: input.jurisdictionCode ?? null,
    };
    const foreign: string[] = [];
    for (const field of API_VALUE_FIELDS) {
      const value = record[field];
      if (value === undefined || value === null) continue;
      const key = own.get(field);
      if (key) cells[key] = value as Cell;
      else foreign.push(field);
    }
    return { row: i + 1, cells, foreign };
  });
}

export async function rowsOfFile(kind: DataPushKind, file: PushFile) {
  const table = await readTable(decodeBase64(file.contentBase64, 'input.file.contentBase64'), file.format);
  const columns: (PushColumn | CommonColumn)[] = [
    COMMON_COLUMNS.idNumber,
    COMMON_COLUMNS.name,
    COMMON_COLUMNS.jurisdictionCode,
    ...VALUE_COLUMNS(kind),
  ];
  const match = matchHeader(table[0], columns);
  if (match.problems.length)
    throw badInput('input.file.contentBase64', match.problems.map((p) => p.message).join('; '));
  const rows: RawRow[] = [];
  for (let r = 1; r < table.length; r++) {
    const cells = table[r];
    if (cells.every(isEmpty)) continue;
    const raw: RawRow = { row: r + 1, cells: {}, foreign: [] };
    for (const { index, column } of match.used) raw.cells[column.key] = isEmpty(cells[index]) ? null : cells[index];
    rows.push(raw);
  }
  return { rows, ignoredColumns: match.ignoredColumns, headerOf: match.headerOf };
}

function emptyResult(row: number): DataPushRowResult {
  return { row, idNumber: null, outcome: DataPushOutcome.INVALID, changes: [], column: null, problem: null };
}

/** Checks one row: its ID number, its values (by the kind's columns) and the facts they set. */
export function checkRow(
  kind: DataPushKind,
  raw: RawRow,
  principal: Principal,
  context: { asOf: string; today: string; sourceName: string; headerOf: (key: string) => string },
  vault: PersonalDataVault,
): CheckedRow {
  const checked: CheckedRow = {
    row: raw.row,
    idNumber: null,
    idHash: null,
    name: null,
    jurisdictionCode: null,
    values: {},
    facts: [],
    result: emptyResult(raw.row),
  };
  const invalid = (key: string | null, problem: string) => {
    checked.result.outcome = DataPushOutcome.INVALID;
    checked.result.column = key && context.headerOf(key);
    checked.result.problem = problem;
    return checked;
  };
  const id = raw.cells.idNumber;
  if (id === null || id === undefined || isEmpty(id)) return invalid('idNumber', 'The ID number is empty');
  let birthDate: string;
  try {
    const facts = parseIdNumber('idNumber', idNumberCell(id), context.today);
    checked.idNumber = facts.value;
    birthDate = facts.birthDate;
  } catch (error) {
    if (error instanceof CellProblem) return invalid('idNumber', error.message);
    if (error instanceof DomainError) return invalid('idNumber', error.message.replace(/^idNumber /, 'The ID number '));
    throw error;
  }
  checked.result.idNumber = maskIdNumber(checked.idNumber);
  checked.idHash = vault.lookupHash(checked.idNumber);
  if (raw.foreign.length) return invalid(raw.foreign[0], `${raw.foreign.join(', ')}: not a value of a ${kind} row`);

  const parse = (column: PushColumn | CommonColumn) => {
    const cell = raw.cells[column.key];
    if (cell === null || cell === undefined || isEmpty(cell)) {
      if (column.required)
        throw new CellProblem(ImportProblemCode.MISSING_VALUE, `${context.headerOf(column.key)} is empty`);
      return undefined;
    }
    return column.parse(cell);
  };
  for (const column of [COMMON_COLUMNS.name, COMMON_COLUMNS.jurisdictionCode, ...VALUE_COLUMNS(kind)]) {
    try {
      const value = parse(column);
      if (value === undefined) continue;
      if (column.key === 'name') checked.name = value as string;
      else if (column.key === 'jurisdictionCode') {
        if (!withinJurisdiction(principal, value as string))
          return invalid(column.key, `${String(value)} lies outside your jurisdiction`);
        checked.jurisdictionCode = value as string;
      } else (checked.values as Record<string, unknown>)[column.key] = value;
    } catch (error) {
      if (error instanceof CellProblem) return invalid(column.key, error.message);
      throw error;
    }
  }
  try {
    checked.facts = KINDS[kind].facts(checked.values, {
      asOf: context.asOf,
      birthDate,
      sourceName: context.sourceName,
    });
  } catch (error) {
    if (error instanceof CellProblem) return invalid(null, error.message);
    throw error;
  }
  checked.result.outcome = DataPushOutcome.UNMATCHED;
  return checked;
}
