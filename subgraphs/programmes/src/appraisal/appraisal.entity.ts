import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, newId } from '@doudi/shared';

export enum AppraisalOutcome {
  PASSED = 'PASSED',
  NOT_PASSED = 'NOT_PASSED',
}
registerEnumType(AppraisalOutcome, {
  name: 'AppraisalOutcome',
  valuesConfig: { PASSED: { description: '评议通过' }, NOT_PASSED: { description: '评议未通过' } },
});

export enum AppraisalParticipantRole {
  VILLAGE_COMMITTEE = 'VILLAGE_COMMITTEE',
  PARTY_BRANCH = 'PARTY_BRANCH',
  VILLAGER_REPRESENTATIVE = 'VILLAGER_REPRESENTATIVE',
  TOWNSHIP_STAFF = 'TOWNSHIP_STAFF',
  RESIDENT_GROUP_LEADER = 'RESIDENT_GROUP_LEADER',
  OTHER = 'OTHER',
}
registerEnumType(AppraisalParticipantRole, {
  name: 'AppraisalParticipantRole',
  valuesConfig: {
    VILLAGE_COMMITTEE: { description: '村（居）民委员会成员' },
    PARTY_BRANCH: { description: '村党支部成员' },
    VILLAGER_REPRESENTATIVE: { description: '村（居）民代表' },
    TOWNSHIP_STAFF: { description: '乡镇（街道）工作人员' },
    RESIDENT_GROUP_LEADER: { description: '村民小组长' },
    OTHER: { description: '其他' },
  },
});

@ObjectType({ description: 'Who took part in the appraisal: by role, named or counted.' })
export class AppraisalParticipant {
  @Field(() => AppraisalParticipantRole)
  role: AppraisalParticipantRole;

  @Field(() => String, { nullable: true })
  name: string | null;

  @Field(() => Int, { description: 'How many of this role took part (1 for a named person).' })
  count: number;
}

/**
 * The village's democratic appraisal (民主评议, 临社救办发〔2015〕3号 二(一): 制定和细化家庭经济状况核对、民主评议、公示…流程) of a
 * household's application under a programme, held by the village committee with the township before the township
 * proposes. It is programmes' because the proposal it allows is: a programme's version says whether it is required
 * (appraisalRequired), and grantBenefit checks it in its own transaction. The case of the application is named by id.
 */
@Entity({ tableName: 'democratic_appraisal' })
@Index({ properties: ['householdId', 'programmeId', 'heldOn'] })
@ObjectType({ description: 'A democratic appraisal (民主评议) of a household’s application under a programme.' })
export class DemocraticAppraisal {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = newId();

  @Property({ type: 'uuid', nullable: true, index: true })
  @Field(() => ID, { nullable: true, description: 'The application (a case in cases).' })
  caseId: string | null = null;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  householdId: string;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  programmeId: string;

  /** The household's hukou place when recorded: whose staff read it. */
  @Property({ type: 'string', length: 12 })
  jurisdictionCode: string;

  @Property({ type: 'date' })
  @Field(() => DateScalar)
  heldOn: string;

  @Property({ type: 'json' })
  @Field(() => [AppraisalParticipant])
  participants: AppraisalParticipant[];

  @Property({ type: 'text' })
  @Field(() => AppraisalOutcome)
  outcome: AppraisalOutcome;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'Why the meeting concluded as it did, as minuted.' })
  reasons: string;

  @Property({ type: 'text' })
  recordedById: string;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, {
    nullable: true,
    description: 'The organisation that recorded it (village committee or township).',
  })
  recordedByOrganisationId: string | null = null;

  @Property({ type: 'datetime' })
  @Field(() => Date)
  createdAt: Date = new Date();
}
