import { OptimisticLockError, UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import {
  assertDate,
  assertId,
  assertVersion,
  badInput,
  conflict,
  createOnce,
  notFound,
  recordAudit,
  optionalText,
  requiredPlainText,
  requirePermission,
  type Principal,
} from '@doudi/shared';
import { assertReaches } from '../household/household.access.js';
import { Household } from '../household/household.entity.js';
import { TEXT_LIMITS } from '../household/household.limits.js';
import { getHousehold } from '../household/household.service.js';
import { isPresentOn, Person } from '../person/person.entity.js';
import { formatYuan, parseYuan } from '@doudi/shared';
import { HouseholdIncome, IncomeCategory } from './income.entity.js';
import { AssetKind, HouseholdAsset } from './asset.entity.js';
import { assertMonth, assertRecordableMonth, dayOf, lastDayOf, monthsEnding } from './month.js';

/** One heading of one month: 10 million yuan is far beyond any family this system serves (and fits the column). */
export const MAX_MONTHLY_INCOME_FEN = 1_000_000_000;

/**
 * How many months the average per-capita income looks back by default. 临社救办发〔2015〕3号 二(一) asks for income
 * "按实际收入计算" but names no period; twelve months evens out seasonal farm income, and the field takes
 * another count where a county's rules say so.
 */
export const DEFAULT_AVERAGE_MONTHS = 12;
export const MAX_AVERAGE_MONTHS = 36;

const SOURCE_MAX = 50;

// ── writing ───────────────────────────────────────────────────────────────────────────────────────────

export interface RecordIncomeInput {
  householdId: string;
  month: string;
  source: string;
  amounts: { category: IncomeCategory; amount: string; version?: number | null }[];
}

/**
 * Records one month's income of a household under one or several headings, from one source. A heading
 * already recorded for that month is corrected in place (one figure counts per heading, see
 * HouseholdIncome); the earlier figure and source go to the audit log. The same figures again change nothing.
 */
export async function recordHouseholdIncome(
  em: EntityManager,
  principal: Principal,
  input: RecordIncomeInput,
  now = new Date(),
): Promise<{ household: Household; incomes: HouseholdIncome[] }> {
  requirePermission(principal, 'households:write');
  const householdId = assertId('input.householdId', input.householdId);
  const month = assertRecordableMonth('input.month', input.month, now);
  const source = requiredPlainText('input.source', input.source, SOURCE_MAX, 'A source');
  if (!input.amounts?.length) throw badInput('input.amounts', 'Give at least one heading and amount');
  const seen = new Set<IncomeCategory>();
  const lines = input.amounts.map((line, i) => {
    if (!Object.values(IncomeCategory).includes(line.category))
      throw badInput(`input.amounts.${i}.category`, `Unknown income category ${line.category}`);
    if (seen.has(line.category))
      throw badInput(`input.amounts.${i}.category`, `${line.category} is given twice for ${month}`);
    seen.add(line.category);
    const amountFen = parseYuan(`input.amounts.${i}.amount`, line.amount, { maxFen: MAX_MONTHLY_INCOME_FEN });
    return { field: `input.amounts.${i}`, category: line.category, amountFen, version: line.version ?? null };
  });

  try {
    return await em.transactional(async (tx) => {
      const household = await getHousehold(tx, householdId);
      assertReaches(principal, 'households:write', household);
      const existing = new Map(
        (await tx.find(HouseholdIncome, { householdId, month, category: { $in: [...seen] } })).map(
          (row) => [row.category, row] as const,
        ),
      );
      const incomes: HouseholdIncome[] = [];
      for (const line of lines) {
        const row = existing.get(line.category);
        if (line.version !== null && !row)
          throw conflict(`${line.category} for ${month} is no longer recorded; reload and retry`, {
            field: `${line.field}.version`,
          });
        if (row) assertVersion(row, line.version, `${line.category} for ${month}`, { field: `${line.field}.version` });
        if (!row) {
          const created = Object.assign(new HouseholdIncome(), {
            householdId,
            month,
            category: line.category,
            amountFen: line.amountFen,
            source,
            recordedBy: principal.id,
          });
          tx.persist(created);
          incomes.push(created);
          continue;
        }
        if (row.amountFen !== line.amountFen || row.source !== source) {
          await recordAudit(tx, 'households', principal, {
            action: 'CORRECT_INCOME',
            entityType: 'HouseholdIncome',
            entityId: row.id,
            detail: {
              householdId,
              month,
              category: row.category,
              previous: { amount: formatYuan(row.amountFen), source: row.source, recordedBy: row.recordedBy },
              amount: formatYuan(line.amountFen),
              source,
            },
          });
          Object.assign(row, { amountFen: line.amountFen, source, recordedBy: principal.id });
        }
        incomes.push(row);
      }
      await tx.flush();
      return { household, incomes };
    });
  } catch (error) {
    // Two callers recording the same heading at the same moment: one wins, the other is told to look again.
    if (error instanceof UniqueConstraintViolationException || error instanceof OptimisticLockError)
      throw conflict(`Income for ${month} was recorded by someone else at the same moment; reload and retry`);
    throw error;
  }
}

/** Removes one income figure (e.g. entered twice by mistake); the audit log keeps what it was. */
export async function removeHouseholdIncome(
  em: EntityManager,
  principal: Principal,
  input: { id: string; version?: number | null; reason?: string | null },
): Promise<{ household: Household; removedIncomeId: string }> {
  requirePermission(principal, 'households:write');
  const id = assertId('input.id', input.id);
  return em.transactional(async (tx) => {
    const row = await tx.findOne(HouseholdIncome, { id });
    if (!row) throw notFound('HouseholdIncome', id);
    const household = await getHousehold(tx, row.householdId);
    assertReaches(principal, 'households:write', household);
    assertVersion(row, input.version, 'HouseholdIncome');
    await recordAudit(tx, 'households', principal, {
      action: 'REMOVE_INCOME',
      entityType: 'HouseholdIncome',
      entityId: row.id,
      purpose: optionalText('input.reason', input.reason, TEXT_LIMITS.reason, 'A reason', true),
      detail: {
        householdId: row.householdId,
        month: row.month,
        category: row.category,
        amount: formatYuan(row.amountFen),
        source: row.source,
      },
    });
    tx.remove(row);
    return { household, removedIncomeId: id };
  });
}

export interface RecordAssetInput {
  householdId: string;
  kind: AssetKind;
  description: string;
  value: string;
  assessedOn: string;
  source: string;
  idempotencyKey?: string | null;
}

/** Records a piece of household property with its assessed value; once per idempotencyKey. */
export async function recordHouseholdAsset(
  em: EntityManager,
  principal: Principal,
  input: RecordAssetInput,
  now = new Date(),
): Promise<HouseholdAsset> {
  requirePermission(principal, 'households:write');
  const householdId = assertId('input.householdId', input.householdId);
  if (!Object.values(AssetKind).includes(input.kind)) throw badInput('input.kind', `Unknown asset kind ${input.kind}`);
  const description = requiredPlainText(
    'input.description',
    input.description,
    TEXT_LIMITS.description,
    'A description',
  );
  const valueFen = parseYuan('input.value', input.value);
  assertDate('input.assessedOn', input.assessedOn);
  if (input.assessedOn > dayOf(now)) throw badInput('input.assessedOn', 'assessedOn cannot be in the future');
  const source = requiredPlainText('input.source', input.source, SOURCE_MAX, 'A source');
  const fields = { householdId, kind: input.kind, description, valueFen, assessedOn: input.assessedOn, source };
  return createOnce(
    em,
    'recordHouseholdAsset',
    input.idempotencyKey,
    fields,
    async (tx) => {
      const household = await getHousehold(tx, householdId);
      assertReaches(principal, 'households:write', household);
      const asset = Object.assign(new HouseholdAsset(), { ...fields, recordedBy: principal.id });
      tx.persist(asset);
      return asset;
    },
    (fresh, id) => fresh.findOneOrFail(HouseholdAsset, { id }),
  );
}

/** Removes a piece of property recorded by mistake or sold; the audit log keeps what it was. */
export async function removeHouseholdAsset(
  em: EntityManager,
  principal: Principal,
  input: { id: string; version?: number | null; reason?: string | null },
): Promise<{ household: Household; removedAssetId: string }> {
  requirePermission(principal, 'households:write');
  const id = assertId('input.id', input.id);
  return em.transactional(async (tx) => {
    const asset = await tx.findOne(HouseholdAsset, { id });
    if (!asset) throw notFound('HouseholdAsset', id);
    const household = await getHousehold(tx, asset.householdId);
    assertReaches(principal, 'households:write', household);
    assertVersion(asset, input.version, 'HouseholdAsset');
    await recordAudit(tx, 'households', principal, {
      action: 'REMOVE_ASSET',
      entityType: 'HouseholdAsset',
      entityId: asset.id,
      purpose: optionalText('input.reason', input.reason, TEXT_LIMITS.reason, 'A reason', true),
      detail: {
        householdId: asset.householdId,
        kind: asset.kind,
        description: asset.description,
        value: formatYuan(asset.valueFen),
        assessedOn: asset.assessedOn,
        source: asset.source,
      },
    });
    tx.remove(asset);
    return { household, removedAssetId: id };
  });
}

// ── reading: the figures a dibao check and the low-income test (河鱼府发【2021】39号) read ────────────────────────

/** The household's figures between two months, inclusive; either bound may be left open. */
export function incomesBetween(rows: HouseholdIncome[], fromMonth?: string | null, toMonth?: string | null) {
  const from = fromMonth ? assertMonth('fromMonth', fromMonth) : null;
  const to = toMonth ? assertMonth('toMonth', toMonth) : null;
  if (from && to && from > to) throw badInput('fromMonth', 'fromMonth comes after toMonth');
  return rows.filter((row) => (!from || row.month >= from) && (!to || row.month <= to));
}

/** The household's total income of a month in fen; null when nothing is recorded for that month. */
export function monthlyTotalFen(rows: HouseholdIncome[], month: string): number | null {
  const ofMonth = rows.filter((row) => row.month === month);
  return ofMonth.length ? ofMonth.reduce((sum, row) => sum + row.amountFen, 0) : null;
}

/**
 * Per-capita monthly income in fen (河鱼府发【2021】39号 一: "家庭成员人均月收入" is what places a household between
 * the dibao line and 1.5 × the line): the month's total divided by the members, rounded down to the fen.
 * Null when no income is recorded for the month, or the household has no members.
 */
export function perCapitaMonthlyIncomeFen(rows: HouseholdIncome[], month: string, members: number): number | null {
  const total = monthlyTotalFen(rows, month);
  return total === null || members < 1 ? null : Math.floor(total / members);
}

/**
 * The average per-capita monthly income over the `months` months ending with `toMonth`, rounded down to
 * the fen once, at the end. A month with nothing recorded is left out rather than counted as zero (record
 * "0" for a month known to bring nothing); null when none of the months has a record.
 */
export function averagePerCapitaMonthlyIncomeFen(
  rows: HouseholdIncome[],
  toMonth: string,
  months: number,
  members: number,
): number | null {
  const totals = monthsEnding(toMonth, months)
    .map((month) => monthlyTotalFen(rows, month))
    .filter((total): total is number => total !== null);
  if (!totals.length || members < 1) return null;
  return Math.floor(totals.reduce((a, b) => a + b, 0) / (totals.length * members));
}

export function assertAverageMonths(months: number): number {
  if (!Number.isInteger(months) || months < 1 || months > MAX_AVERAGE_MONTHS)
    throw badInput('months', `months must be between 1 and ${MAX_AVERAGE_MONTHS}`);
  return months;
}

/** What a dibao check reads of one household: its figures and its members, for a permitted caller. */
async function incomeFacts(em: EntityManager, principal: Principal, householdId: string) {
  requirePermission(principal, 'households:read');
  const household = await getHousehold(em, householdId);
  assertReaches(principal, 'households:read', household);
  const [rows, members] = await Promise.all([
    em.find(HouseholdIncome, { householdId: household.id }, { orderBy: [{ month: 'asc' }, { category: 'asc' }] }),
    em.find(Person, { householdId: household.id }, { fields: ['exitedOn'] }),
  ]);
  return { rows, members };
}

/**
 * How many members count for a month's per-capita income: those still in the household on its last day, so a
 * member who died or left during the month (recordMemberExit) no longer divides it.
 */
export function membersInMonth(members: Pick<Person, 'exitedOn'>[], month: string): number {
  const lastDay = lastDayOf(month);
  return members.filter((p) => isPresentOn(p, lastDay)).length;
}

/** The household's per-capita income of one month, in yuan; null when none is recorded for it. */
export async function perCapitaMonthlyIncome(
  em: EntityManager,
  principal: Principal,
  householdId: string,
  month: string,
): Promise<string | null> {
  const valid = assertMonth('month', month);
  const { rows, members } = await incomeFacts(em, principal, householdId);
  const fen = perCapitaMonthlyIncomeFen(rows, valid, membersInMonth(members, valid));
  return fen === null ? null : formatYuan(fen);
}

/** The household's average per-capita monthly income over the months ending with `toMonth`, in yuan. */
export async function averagePerCapitaMonthlyIncome(
  em: EntityManager,
  principal: Principal,
  householdId: string,
  toMonth: string,
  months = DEFAULT_AVERAGE_MONTHS,
): Promise<string | null> {
  const valid = assertMonth('toMonth', toMonth);
  const count = assertAverageMonths(months);
  const { rows, members } = await incomeFacts(em, principal, householdId);
  const fen = averagePerCapitaMonthlyIncomeFen(rows, valid, count, membersInMonth(members, valid));
  return fen === null ? null : formatYuan(fen);
}

/** The household's figures between two months, for a permitted caller. */
export async function listHouseholdIncomes(
  em: EntityManager,
  principal: Principal,
  householdId: string,
  fromMonth?: string | null,
  toMonth?: string | null,
) {
  return incomesBetween((await incomeFacts(em, principal, householdId)).rows, fromMonth, toMonth);
}
