import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '@doudi/shared';
import { Household } from '../household/household.entity.js';
import { IncomeCategory, HouseholdIncome } from './income.entity.js';
import { AssetKind, HouseholdAsset } from './asset.entity.js';

@InputType()
export class IncomeAmountInput {
  @Field(() => IncomeCategory)
  category: IncomeCategory;

  @Field(() => String, { description: 'The amount for the month, in yuan ("1234.50"); record "0" for none.' })
  amount: string;

  @Field(() => Int, {
    nullable: true,
    description: 'When correcting a figure: the version you read; a stale version answers CONFLICT.',
  })
  version?: number | null;
}

@InputType()
export class RecordHouseholdIncomeInput {
  @Field(() => ID)
  householdId: string;

  @Field(() => String, { description: 'The month the income was earned, YYYY-MM; not a future month.' })
  month: string;

  @Field(() => String, { description: 'Who reported these figures, e.g. 申请人申报, 核对平台, 村委会.' })
  source: string;

  @Field(() => [IncomeAmountInput], {
    description:
      'One or several headings for that month. A heading already recorded for the month is corrected ' +
      '(the earlier figure stays in the audit log); recording the same figures again changes nothing, so a retry is safe.',
  })
  amounts: IncomeAmountInput[];
}

@ObjectType()
export class RecordHouseholdIncomePayload {
  @Field(() => Household)
  household: Household;

  @Field(() => [HouseholdIncome], { description: 'The figures as now recorded, in the order given.' })
  incomes: HouseholdIncome[];
}

@InputType()
export class RemoveRecordInput {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { nullable: true, description: 'The version you read; a stale version answers CONFLICT.' })
  version?: number | null;

  @Field(() => String, { nullable: true, description: 'Why, e.g. 重复录入. Kept in the audit log.' })
  reason?: string | null;
}

@ObjectType()
export class RemoveHouseholdIncomePayload {
  @Field(() => Household)
  household: Household;

  @Field(() => ID)
  removedIncomeId: string;
}

@InputType()
export class RecordHouseholdAssetInput {
  @Field(() => ID)
  householdId: string;

  @Field(() => AssetKind)
  kind: AssetKind;

  @Field(() => String, { description: 'What it is, e.g. 农村信用社定期存款.' })
  description: string;

  @Field(() => String, { description: 'The assessed value, in yuan ("1234.50").' })
  value: string;

  @Field(() => DateScalar, { description: 'The day the value was assessed or reported; not in the future.' })
  assessedOn: string;

  @Field(() => String, { description: 'Who reported or assessed it, e.g. 申请人申报, 核对平台, 村委会.' })
  source: string;

  @Field(() => String, { nullable: true, description: 'Send the same key when retrying; the asset is recorded once.' })
  idempotencyKey?: string | null;
}

@ObjectType()
export class RecordHouseholdAssetPayload {
  @Field(() => HouseholdAsset)
  asset: HouseholdAsset;
}

@ObjectType()
export class RemoveHouseholdAssetPayload {
  @Field(() => Household)
  household: Household;

  @Field(() => ID)
  removedAssetId: string;
}
