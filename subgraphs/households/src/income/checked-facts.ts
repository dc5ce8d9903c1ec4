import { Arg, Ctx, Field, ID, InputType, Mutation, ObjectType, Resolver } from 'type-graphql';
import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import {
  assertId,
  badInput,
  createOnce,
  DateScalar,
  formatYuan,
  parseYuan,
  pastDate,
  publishEvent,
  recordAudit,
  requiredPlainText,
  requirePermission,
  type Principal,
} from '@doudi/shared';
import { Household } from '../household/household.entity.js';
import { assertReaches } from '../household/household.access.js';
import { getHousehold } from '../household/household.service.js';
import { TEXT_LIMITS } from '../household/household.limits.js';
import { HouseholdChange } from '../history/household-change.entity.js';
import { snapshotOf } from '../history/history.service.js';
import { HouseholdIncome, IncomeCategory } from './income.entity.js';
import { AssetKind, HouseholdAsset } from './asset.entity.js';
import { MAX_MONTHLY_INCOME_FEN } from './income.service.js';
import { assertMonth, EARLIEST_MONTH } from './month.js';
import type { Context } from '../context.js';

/** At most this many figures in one check's answer: two years of six headings, and the family's property. */
const MAX_CHECKED_INCOMES = 144;
const MAX_CHECKED_ASSETS = 50;
const SOURCE_MAX = 50;

@InputType()
export class CheckedIncomeInput {
  @Field(() => String, { description: 'The month the income was earned, YYYY-MM; not after checkedOn.' })
  month: string;

  @Field(() => IncomeCategory)
  category: IncomeCategory;

  @Field(() => String, { description: 'Yuan ("1234.50"); "0" for a heading checked and found empty.' })
  amount: string;
}

@InputType()
export class CheckedAssetInput {
  @Field(() => AssetKind)
  kind: AssetKind;

  @Field(() => String, { description: 'What it is, e.g. 农村信用社定期存款.' })
  description: string;

  @Field(() => String, { description: 'The value the check found, in yuan.' })
  value: string;
}

@InputType({
  description:
    'The answer of a household economic check (家庭经济状况核对, 临社救办发〔2015〕3号 二(一)、三(三)): the income and property ' +
    'the checking organisation found, written into the registry with its source and date.',
})
export class RecordCheckedFactsInput {
  @Field(() => ID)
  householdId: string;

  @Field(() => DateScalar, { description: 'The day the check answered; not in the future.' })
  checkedOn: string;

  @Field(() => String, { description: 'The source named on every figure, e.g. 家庭经济状况核对（县核对中心）.' })
  source: string;

  @Field(() => String, { nullable: true, description: 'The check’s reference (e.g. its id in cases).' })
  reference?: string | null;

  @Field(() => [CheckedIncomeInput])
  incomes: CheckedIncomeInput[];

  @Field(() => [CheckedAssetInput])
  assets: CheckedAssetInput[];

  @Field(() => String, { nullable: true, description: 'The same key again answers the first write.' })
  idempotencyKey?: string | null;
}

@ObjectType()
export class RecordCheckedFactsPayload {
  @Field(() => Household)
  household: Household;
}

export interface CheckedFactsValues {
  householdId: string;
  checkedOn: string;
  source: string;
  reference?: string | null;
  incomes: { month: string; category: IncomeCategory; amount: string }[];
  assets: { kind: AssetKind; description: string; value: string }[];
  idempotencyKey?: string | null;
}

function validate(input: CheckedFactsValues) {
  const householdId = assertId('input.householdId', input.householdId);
  const checkedOn = pastDate('input.checkedOn', input.checkedOn);
  const source = requiredPlainText('input.source', input.source, SOURCE_MAX, 'A source');
  const reference = input.reference ? requiredPlainText('input.reference', input.reference, 100, 'A reference') : null;
  if (!input.incomes?.length && !input.assets?.length)
    throw badInput('input.incomes', 'A check answers at least one income figure or asset');
  if (input.incomes.length > MAX_CHECKED_INCOMES)
    throw badInput('input.incomes', `At most ${MAX_CHECKED_INCOMES} income figures`);
  if (input.assets.length > MAX_CHECKED_ASSETS) throw badInput('input.assets', `At most ${MAX_CHECKED_ASSETS} assets`);
  const seen = new Set<string>();
  const incomes = input.incomes.map((line, i) => {
    const field = `input.incomes.${i}`;
    const month = assertMonth(`${field}.month`, line.month);
    if (month > checkedOn.slice(0, 7) || month < EARLIEST_MONTH)
      throw badInput(`${field}.month`, `${month} is not a month a check on ${checkedOn} can answer for`);
    if (!Object.values(IncomeCategory).includes(line.category))
      throw badInput(`${field}.category`, `Unknown income category ${line.category}`);
    if (seen.has(`${month}:${line.category}`))
      throw badInput(`${field}.category`, `${line.category} for ${month} is given twice`);
    seen.add(`${month}:${line.category}`);
    const amountFen = parseYuan(`${field}.amount`, line.amount, { maxFen: MAX_MONTHLY_INCOME_FEN });
    return { month, category: line.category, amountFen };
  });
  const assets = input.assets.map((line, i) => {
    const field = `input.assets.${i}`;
    if (!Object.values(AssetKind).includes(line.kind))
      throw badInput(`${field}.kind`, `Unknown asset kind ${line.kind}`);
    return {
      kind: line.kind,
      description: requiredPlainText(
        `${field}.description`,
        line.description,
        TEXT_LIMITS.description,
        'A description',
      ),
      valueFen: parseYuan(`${field}.value`, line.value),
    };
  });
  return { householdId, checkedOn, source, reference, incomes, assets };
}

/**
 * Writes the answer of a household economic check into the registry (临社救办发〔2015〕3号 二(一) 按实际收入计算家庭收入;
 * 三(三) 核对机制; 周政办字〔2017〕70号 三(三) 家庭财产核算共享平台): each income figure under its month and heading, with the
 * check as its source (a figure recorded before is corrected, the earlier one kept in the audit log), each asset as
 * valued on the day of the check, and one householdHistory entry naming the organisation, the date and every figure
 * before and after. In one transaction, with household.facts.changed, so programmes screens the household again on
 * the checked facts. The caller's organisation is the source: households:write where the household lies.
 */
export async function recordCheckedFacts(em: EntityManager, principal: Principal, input: CheckedFactsValues) {
  requirePermission(principal, 'households:write');
  const valid = validate(input);
  const changeId = await createOnce(
    em,
    'recordCheckedFacts',
    input.idempotencyKey,
    valid,
    async (tx) => {
      const household = await getHousehold(tx, valid.householdId);
      assertReaches(principal, 'households:write', household);
      await tx.lock(household, LockMode.PESSIMISTIC_WRITE);
      const months = [...new Set(valid.incomes.map((line) => line.month))];
      const existing = new Map(
        (months.length
          ? await tx.find(HouseholdIncome, { householdId: household.id, month: { $in: months } })
          : []
        ).map((row) => [`${row.month}:${row.category}`, row] as const),
      );
      const incomeChanges: { month: string; category: string; from: string | null; to: string }[] = [];
      for (const line of valid.incomes) {
        const row = existing.get(`${line.month}:${line.category}`);
        if (!row) {
          tx.persist(
            Object.assign(new HouseholdIncome(), {
              householdId: household.id,
              month: line.month,
              category: line.category,
              amountFen: line.amountFen,
              source: valid.source,
              recordedBy: principal.id,
            }),
          );
          incomeChanges.push({ ...line, from: null, to: formatYuan(line.amountFen) });
          continue;
        }
        if (row.amountFen === line.amountFen && row.source === valid.source) continue;
        await recordAudit(tx, 'households', principal, {
          action: 'CORRECT_INCOME',
          entityType: 'HouseholdIncome',
          entityId: row.id,
          detail: {
            householdId: household.id,
            month: row.month,
            category: row.category,
            previous: { amount: formatYuan(row.amountFen), source: row.source, recordedBy: row.recordedBy },
            amount: formatYuan(line.amountFen),
            source: valid.source,
            reference: valid.reference,
          },
        });
        incomeChanges.push({ ...line, from: formatYuan(row.amountFen), to: formatYuan(line.amountFen) });
        Object.assign(row, { amountFen: line.amountFen, source: valid.source, recordedBy: principal.id });
      }
      for (const asset of valid.assets)
        tx.persist(
          Object.assign(new HouseholdAsset(), {
            householdId: household.id,
            ...asset,
            assessedOn: valid.checkedOn,
            source: valid.source,
            recordedBy: principal.id,
          }),
        );
      const change = Object.assign(new HouseholdChange(), {
        householdId: household.id,
        entityType: 'Household' as const,
        entityId: household.id,
        changedById: principal.id,
        changedByOrganisationId: principal.organisationId,
        source: valid.source,
        asOf: valid.checkedOn,
        changes: {
          checkedIncome: {
            from: incomeChanges.map(({ month, category, from }) => ({ month, category, amount: from })),
            to: incomeChanges.map(({ month, category, to }) => ({ month, category, amount: to })),
          },
          checkedAssets: {
            from: null,
            to: valid.assets.map((a) => ({ kind: a.kind, description: a.description, value: formatYuan(a.valueFen) })),
          },
          ...(valid.reference ? { checkReference: { from: null, to: valid.reference } } : {}),
        },
        snapshot: snapshotOf(household),
      });
      tx.persist(change);
      const codes = [household.jurisdictionCode, household.residenceJurisdictionCode].filter((c): c is string => !!c);
      publishEvent(tx, {
        type: 'household.facts.changed',
        aggregateId: change.id,
        payload: {
          householdIds: [household.id],
          jurisdictionCodes: [...new Set(codes)].sort(),
          source: principal.organisationId,
          asOf: valid.checkedOn,
        },
      });
      return change;
    },
    async (_fresh, id) => id,
  );
  const change = await em.fork().findOneOrFail(HouseholdChange, { id: changeId });
  return { household: await getHousehold(em.fork(), change.householdId) };
}

@Resolver()
export class CheckedFactsResolver {
  @Mutation(() => RecordCheckedFactsPayload, {
    description:
      'Writes the answer of a household economic check (家庭经济状况核对, 临社救办发〔2015〕3号 二(一)、三(三)) into the registry: ' +
      'income figures by month and heading and assets, each with the check as source and its date, one history entry, ' +
      'and the household screened again. The same idempotencyKey again answers the first write.',
  })
  recordCheckedFacts(
    @Arg('input', () => RecordCheckedFactsInput) input: RecordCheckedFactsInput,
    @Ctx() { em, principal }: Context,
  ) {
    return recordCheckedFacts(em, principal, input);
  }
}
