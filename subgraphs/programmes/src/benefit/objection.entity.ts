import { Entity, ManyToOne, Property } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType } from 'type-graphql';
import { DateScalar, MutableRecord } from '@doudi/shared';
import { Benefit } from './benefit.entity.js';

/** An objection raised during public notice (公示期内的异议, 河鱼府发【2021】39号 二(五): 公示期满无异议的…上报审批). */
@Entity({ tableName: 'benefit_objection' })
@ObjectType({ description: 'An objection received while a benefit was under public notice.' })
export class BenefitObjection extends MutableRecord {
  @ManyToOne({ entity: () => Benefit, mapToPk: true, fieldName: 'benefit_id' })
  @Field(() => ID)
  benefitId: string;

  @Property({ type: 'date' })
  @Field(() => DateScalar)
  receivedOn: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'What was objected, as received (the objector’s identity is not kept here).' })
  objection: string;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true })
  recordedById: string | null = null;

  @Property({ type: 'boolean', nullable: true })
  @Field(() => Boolean, { nullable: true, description: 'Null while open; true when upheld (the benefit is rejected).' })
  upheld: boolean | null = null;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true })
  resolvedOn: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  resolution: string | null = null;
}
