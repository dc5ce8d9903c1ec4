import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '@doudi/shared';
import { EconomicCheck } from './economic-check.entity.js';
import { Case } from '../case/case.entity.js';

@InputType({ description: 'Ask the checking organisation for the household’s income and assets.' })
export class RequestEconomicCheckInput {
  @Field(() => ID)
  caseId: string;

  @Field(() => ID, { description: 'Who checks, e.g. the county’s checking centre (核对中心).' })
  checkingOrganisationId: string;

  @Field(() => DateScalar, { nullable: true, description: 'Today if left out; the due date counts from it.' })
  requestedOn?: string | null;

  @Field(() => String, { nullable: true, description: 'The same key again answers the first request.' })
  idempotencyKey?: string | null;
}

@InputType()
export class CheckedIncomeLineInput {
  @Field(() => String, { description: 'YYYY-MM, not after checkedOn.' })
  month: string;

  @Field(() => String, {
    description: 'An IncomeCategory of households: WAGES, AGRICULTURE, BUSINESS, PROPERTY, TRANSFER, OTHER.',
  })
  category: string;

  @Field(() => String, { description: 'Yuan ("1234.50").' })
  amount: string;
}

@InputType()
export class CheckedAssetLineInput {
  @Field(() => String, {
    description: 'An AssetKind of households: DEPOSIT, SECURITIES, VEHICLE, HOUSE, LAND, BUSINESS, OTHER.',
  })
  kind: string;

  @Field(() => String)
  description: string;

  @Field(() => String, { description: 'Yuan.' })
  value: string;
}

@InputType({ description: 'The checking organisation’s answer: what it found of the household’s income and assets.' })
export class RecordEconomicCheckResultInput {
  @Field(() => ID)
  checkId: string;

  @Field(() => Int, { nullable: true, description: 'The version you read; a stale one answers CONFLICT.' })
  version?: number | null;

  @Field(() => DateScalar, { nullable: true, description: 'The day of the answer; today if left out.' })
  checkedOn?: string | null;

  @Field(() => [CheckedIncomeLineInput])
  incomes: CheckedIncomeLineInput[];

  @Field(() => [CheckedAssetLineInput])
  assets: CheckedAssetLineInput[];

  @Field(() => String, { nullable: true })
  note?: string | null;
}

@ObjectType()
export class EconomicCheckPayload {
  @Field(() => EconomicCheck)
  economicCheck: EconomicCheck;

  @Field(() => Case, { nullable: true, description: 'The application; null when you do not see the case.' })
  case: Case | null;
}
