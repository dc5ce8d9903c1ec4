import { Entity, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType } from 'type-graphql';
import { DateScalar, newId } from '@doudi/shared';

/** One step of a case, appended in the same transaction as the step itself (Case.timeline). */
@Entity({ tableName: 'case_event' })
@ObjectType({ description: 'One step taken on a case: who, when, and what.' })
export class CaseEvent {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = newId();

  @Property({ type: 'uuid', index: true })
  caseId: string;

  @Property({ type: 'datetime' })
  @Field(() => Date, { description: 'When it was recorded.' })
  at: Date = new Date();

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: 'The day it happened, as the actor stated it.' })
  on: string | null = null;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'CASE_OPENED, VISIT_RECORDED, REFERRAL_SENT, REFERRAL_ACCEPTED, …' })
  kind: string;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The staff account or API client that took the step.' })
  actorId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  actorOrganisationId: string | null = null;

  @Property({ type: 'text' })
  @Field(() => String)
  summary: string;

  @Property({ type: 'uuid', nullable: true })
  referralId: string | null = null;

  /** The letter generated or the material attached by this step (document/). */
  @Property({ type: 'uuid', nullable: true })
  documentId: string | null = null;
}
