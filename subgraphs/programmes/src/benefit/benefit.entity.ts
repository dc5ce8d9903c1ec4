import { Entity, Index, ManyToOne, Property } from '@mikro-orm/postgresql';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { DateScalar, MutableRecord } from '@doudi/shared';
import { Programme } from '../programme/programme.entity.js';

/** One grant of relief in the ledger: to a household, or to one person of it, from a programme. */
@Entity({ tableName: 'benefit' })
@Index({ properties: ['programmeId', 'householdId', 'year'] })
@ObjectType({ description: 'Relief granted from a programme (amounts in yuan).' })
@Directive('@key(fields: "id")')
export class Benefit extends MutableRecord {
  @ManyToOne({ entity: () => Programme, mapToPk: true, fieldName: 'programme_id' })
  programmeId: string;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  householdId: string;

  @Property({ type: 'uuid', nullable: true, index: true })
  @Field(() => ID, { nullable: true, description: 'The member it is for, when it is for one person.' })
  personId: string | null = null;

  @Property({ type: 'integer' })
  amountFen: number;

  @Property({ type: 'date' })
  @Field(() => DateScalar)
  grantedOn: string;

  /** The calendar year the caps count it in (seed 003 二(八): 个人/家庭年最高救助额). */
  @Property({ type: 'smallint' })
  @Field(() => Int)
  year: number;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The case it answers.' })
  caseId: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  note: string | null = null;
}
