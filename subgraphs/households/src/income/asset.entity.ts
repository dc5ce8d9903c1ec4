import { BigIntType, Entity, ManyToOne, Property } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, MutableRecord } from '@doudi/shared';
import { Household } from '../household/household.entity.js';
import { formatYuan } from '@doudi/shared';

/** Kinds of household property the income and asset check (家庭经济状况核对, 临社救办发〔2015〕3号 二(一)) looks at. */
export enum AssetKind {
  /** 存款: bank deposits and cash. */
  DEPOSIT = 'DEPOSIT',
  /** 有价证券: shares, bonds, funds, wealth-management products. */
  SECURITIES = 'SECURITIES',
  /** 机动车辆: motor vehicles. */
  VEHICLE = 'VEHICLE',
  /** 房产: houses and flats. */
  HOUSE = 'HOUSE',
  /** 土地: contracted or homestead land and its use rights. */
  LAND = 'LAND',
  /** 经营性资产: a business, its equipment and stock. */
  BUSINESS = 'BUSINESS',
  OTHER = 'OTHER',
}
registerEnumType(AssetKind, { name: 'AssetKind', description: 'Kinds of household property.' });

@Entity({ tableName: 'household_asset' })
@ObjectType({ description: 'A piece of property of a household, with its assessed value.' })
export class HouseholdAsset extends MutableRecord {
  @ManyToOne({ entity: () => Household, mapToPk: true, fieldName: 'household_id', index: true })
  householdId: string;

  @Property({ type: 'text' })
  @Field(() => AssetKind)
  kind: AssetKind;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'What it is, e.g. 农村信用社定期存款, 2015年产五菱面包车.' })
  description: string;

  /** bigint: a house can be worth more than an integer column holds in fen. */
  @Property({ type: new BigIntType('number') })
  valueFen: number;

  @Property({ type: 'date' })
  @Field(() => DateScalar, { description: 'The day the value was assessed or reported.' })
  assessedOn: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'Who reported or assessed it, e.g. 申请人申报, 核对平台, 村委会.' })
  source: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The account that recorded it.' })
  recordedBy: string | null = null;

  @Field(() => String, { description: 'The assessed value, in yuan ("1234.50").' })
  get value(): string {
    return formatYuan(this.valueFen);
  }
}
