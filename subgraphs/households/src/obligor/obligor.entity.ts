import { Entity, ManyToOne, Property } from '@mikro-orm/postgresql';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { MutableRecord } from '@doudi/shared';
import { Household } from '../household/household.entity.js';

/**
 * The legal duty of support (临社救办发〔2015〕3号 二(二): 特困 support needs "无法定赡养、抚养、扶养义务人，或者其法定
 * 义务人无履行义务能力"): 赡养 of parents, 抚养 of children, 扶养 between spouses.
 */
export enum SupportDuty {
  ELDER_SUPPORT = 'ELDER_SUPPORT',
  CHILD_SUPPORT = 'CHILD_SUPPORT',
  SPOUSAL_SUPPORT = 'SPOUSAL_SUPPORT',
}
registerEnumType(SupportDuty, { name: 'SupportDuty', description: '赡养 / 抚养 / 扶养' });

/** A person outside the household who owes it support, and whether they are able to give it. */
@Entity({ tableName: 'support_obligor' })
@ObjectType()
export class SupportObligor extends MutableRecord {
  @ManyToOne({ entity: () => Household, mapToPk: true, fieldName: 'household_id', index: true })
  householdId: string;

  @Property({ type: 'text' })
  @Field(() => String)
  name: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'How they are related, in words (e.g. 长子, 女儿).' })
  relationship: string;

  @Property({ type: 'text' })
  @Field(() => SupportDuty)
  duty: SupportDuty;

  @Property({ type: 'boolean' })
  @Field(() => Boolean, { description: 'Whether they can meet the duty (有无履行义务能力).' })
  ableToSupport: boolean;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  note: string | null = null;
}
