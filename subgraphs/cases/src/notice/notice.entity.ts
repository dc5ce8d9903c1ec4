import { Entity, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, newId } from '@doudi/shared';

export enum NoticeOutcome {
  NO_OBJECTION = 'NO_OBJECTION',
  OBJECTION_UPHELD = 'OBJECTION_UPHELD',
  OBJECTION_DISMISSED = 'OBJECTION_DISMISSED',
}
registerEnumType(NoticeOutcome, {
  name: 'NoticeOutcome',
  valuesConfig: {
    NO_OBJECTION: { description: '公示期满无异议' },
    OBJECTION_UPHELD: { description: '异议成立' },
    OBJECTION_DISMISSED: { description: '异议不成立' },
  },
});

@ObjectType('NoticeObjection', { description: 'An objection received during a public notice.' })
export class NoticeObjection {
  @Field(() => DateScalar)
  receivedOn: string;

  @Field(() => String)
  content: string;
}

@Entity({ tableName: 'public_notice' })
@ObjectType({ description: 'A public notice (公示) of a case’s decision, with the objections it drew.' })
export class PublicNotice {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = newId();

  @Property({ type: 'uuid', index: true })
  caseId: string;

  @Property({ type: 'date' })
  @Field(() => DateScalar)
  startsOn: string;

  @Property({ type: 'date' })
  @Field(() => DateScalar, { description: 'The last day of the notice: startsOn + days − 1.' })
  endsOn: string;

  @Property({ type: 'integer' })
  @Field(() => Int)
  days: number;

  @Property({ type: 'text' })
  @Field(() => String)
  content: string;

  @Property({ type: 'json' })
  @Field(() => [NoticeObjection])
  objections: NoticeObjection[] = [];

  @Property({ type: 'text', nullable: true })
  @Field(() => NoticeOutcome, { nullable: true })
  outcome: NoticeOutcome | null = null;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true })
  closedOn: string | null = null;

  @Property({ type: 'datetime' })
  @Field(() => Date)
  createdAt: Date = new Date();
}
