import { Entity, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType } from 'type-graphql';
import { DateScalar, newId } from '@doudi/shared';
import { LifeArea } from '../case/case.enums.js';
import { ReferralKind } from '../referral/referral.enums.js';

/** One area of the family's life as the visitors found it (stored as JSON on the visit). */
export interface StoredFinding {
  area: LifeArea;
  situation: string;
  needsHelp: boolean;
}

@Entity({ tableName: 'case_visit' })
@ObjectType({ description: 'A visit to the family (走访记录, 襄政办发〔2023〕26号 附件5).' })
export class Visit {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = newId();

  @Property({ type: 'uuid', index: true })
  caseId: string;

  @Property({ type: 'date' })
  @Field(() => DateScalar)
  visitedOn: string;

  @Property({ type: 'text[]' })
  visitorOrganisationIds: string[];

  @Property({ type: 'json' })
  findings: StoredFinding[];

  @Property({ type: 'boolean' })
  @Field(() => Boolean, {
    description: 'Whether the family asked for its information to be pushed (救助信息推送申请).',
  })
  referralRequested: boolean;

  @Property({ type: 'text[]' })
  @Field(() => [ReferralKind], { description: 'The help the family asked for.' })
  requestedKinds: ReferralKind[] = [];

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  note: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  recordedById: string | null = null;

  @Property({ type: 'datetime' })
  @Field(() => Date)
  createdAt: Date = new Date();
}
