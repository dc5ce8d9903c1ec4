import { Entity, ManyToOne, Property, Unique } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { MutableRecord } from '@doudi/shared';
import { Household } from '../household/household.entity.js';
import { formatYuan } from '@doudi/shared';

/**
 * Kinds of household income. 临社救办发〔2015〕3号 二(一) asks to "完善家庭收入计算办法,切实做到按实际收入计算家庭收入,
 * 最大限度克服'人为'虚拟收入": count what the family actually receives, under headings the income check
 * (家庭经济状况核对) can verify one by one. The seed names no headings; these follow the usual statistical
 * split of household income.
 */
export enum IncomeCategory {
  /** 工资性收入: wages and salaries, including casual and migrant work (务工). */
  WAGES = 'WAGES',
  /** 农业经营净收入: net income from farming, forestry, animal husbandry and fishing. */
  AGRICULTURE = 'AGRICULTURE',
  /** 其他经营净收入: net income from a business or self-employment other than farming. */
  BUSINESS = 'BUSINESS',
  /** 财产净收入: rent, interest, dividends, land-transfer fees. */
  PROPERTY = 'PROPERTY',
  /**
   * 转移净收入: pensions, alimony, and the support the household's obligors pay (赡养费、抚养费、扶养费 —
   * 临社救办发〔2015〕3号 二(二) "法定赡养、抚养、扶养义务人").
   */
  TRANSFER = 'TRANSFER',
  /** 其他收入: anything else the family actually receives. */
  OTHER = 'OTHER',
}
registerEnumType(IncomeCategory, {
  name: 'IncomeCategory',
  description: 'Headings of household income, as the income check (家庭经济状况核对) counts it.',
});

/**
 * One month's income of one household under one heading. There is one figure per (household, month,
 * category): the one the caseworker counts as the actual income (临社救办发〔2015〕3号 二(一) 按实际收入计算家庭收入).
 * `source` says where that figure comes from (申请人申报, 核对平台, 村委会 …); when a better source
 * arrives, recording again corrects the figure, and the audit log keeps the earlier figure and source.
 * Keeping several competing figures side by side instead would leave the per-capita income ambiguous.
 */
@Entity({ tableName: 'household_income' })
@Unique({ properties: ['householdId', 'month', 'category'] })
@ObjectType({ description: "One month's income of a household under one heading." })
export class HouseholdIncome extends MutableRecord {
  @ManyToOne({ entity: () => Household, mapToPk: true, fieldName: 'household_id', index: true })
  householdId: string;

  @Property({ type: 'string', length: 7 })
  @Field(() => String, { description: 'The month the income was earned, YYYY-MM.' })
  month: string;

  @Property({ type: 'text' })
  @Field(() => IncomeCategory)
  category: IncomeCategory;

  @Property({ type: 'integer' })
  amountFen: number;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'Who reported the figure, e.g. 申请人申报, 核对平台, 村委会.' })
  source: string;

  /** Staff account or API client that recorded it (临社救办发〔2015〕3号 二(一): 谁办理谁签字,谁签字谁负责). */
  @Property({ type: 'text', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The account that recorded the figure.' })
  recordedBy: string | null = null;

  @Field(() => String, { description: 'The amount for the month, in yuan ("1234.50").' })
  get amount(): string {
    return formatYuan(this.amountFen);
  }
}
