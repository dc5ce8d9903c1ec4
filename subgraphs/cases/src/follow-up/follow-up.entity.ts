import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType } from 'type-graphql';
import { DateScalar, newId } from '@doudi/shared';

@Entity({ tableName: 'follow_up' })
// The inbox's incremental sync (docs/sync.md) reads an organisation's changes in (updatedAt, id) order.
@Index({ properties: ['organisationId', 'updatedAt', 'id'] })
@Index({ properties: ['organisationId', 'visitedOn'] })
@ObjectType({
  description: 'A follow-up visit (跟踪回访, 襄政办发〔2023〕26号 七(六), 晋检发办字〔2023〕10号 第二十五条).',
})
export class FollowUp {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = newId();

  @Property({ type: 'uuid', index: true })
  caseId: string;

  /** Who visits. */
  @Property({ type: 'uuid' })
  organisationId: string;

  @Property({ type: 'date' })
  @Field(() => DateScalar)
  dueOn: string;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true })
  visitedOn: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'How the help is working out.' })
  outcome: string | null = null;

  @Property({ type: 'boolean', nullable: true })
  @Field(() => Boolean, { nullable: true })
  needsMoreHelp: boolean | null = null;

  @Property({ type: 'datetime' })
  @Field(() => Date)
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  @Field(() => Date, {
    description: 'When it was created or last changed: what the inbox’s sync orders by (docs/sync.md).',
  })
  updatedAt: Date = new Date();
}
