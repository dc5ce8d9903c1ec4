import { Entity, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';

/** Where a benefit stands, in the order it moves: APPROVED → ACTIVE → ENDED, or REJECTED. */
export enum ReliefStatus {
  APPROVED = 'APPROVED',
  ACTIVE = 'ACTIVE',
  ENDED = 'ENDED',
  REJECTED = 'REJECTED',
}
registerEnumType(ReliefStatus, { name: 'ReliefStatus' });

/**
 * A benefit granted for a case, as the programmes subgraph's events told us (relief.events.ts): a copy for
 * reading the case, never a decision. The programmes subgraph owns the benefit itself.
 */
@Entity({ tableName: 'case_relief' })
@ObjectType({ description: 'Relief granted for the case by a programme, as last reported by the programmes service.' })
export class CaseRelief {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  benefitId: string;

  @Property({ type: 'uuid', index: true })
  caseId: string;

  @Property({ type: 'uuid' })
  programmeId: string;

  @Property({ type: 'text' })
  @Field(() => String)
  programmeName: string;

  @Property({ type: 'integer' })
  amountFen: number;

  @Property({ type: 'text' })
  @Field(() => ReliefStatus)
  status: ReliefStatus;

  /** The event this row last took its values from. */
  @Property({ type: 'uuid' })
  lastEventId: string;

  /** When the benefit changed in its programme (not when we heard): out-of-order events compare on it. */
  @Property({ type: 'datetime' })
  @Field(() => Date, { description: 'When the benefit last changed.' })
  updatedAt: Date;
}
