import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { SyncConnectionType, DateScalar, newId } from '@doudi/shared';
import { CaseChannel, CaseStage, CaseStatus, PriorityGroup } from './case.enums.js';

export { CaseChannel, CaseStage, CaseStatus, PriorityGroup } from './case.enums.js';

@Entity({ tableName: 'hardship_case' })
// Incremental sync (docs/sync.md) reads changes in (updatedAt, id) order.
@Index({ properties: ['updatedAt', 'id'] })
// The statistics read the cases received, or closed, in a period of a subtree (statistics/statistics.sql.ts).
@Index({ properties: ['receivedOn', 'jurisdictionCode'] })
@Index({ properties: ['closedOn', 'jurisdictionCode'] })
// The case list's default order (newest first, the green channel among equals, then id: case.service.ts): a page
// reads its rows off this index instead of sorting every visible case (issue 16 item 2).
@Index({
  name: 'hardship_case_list_order_index',
  expression:
    'create index "hardship_case_list_order_index" on "cases"."hardship_case" ("opened_at" desc, "green_channel" desc, "id")',
})
@ObjectType({ description: 'One hardship situation of one household, and the agencies acting on it.' })
@Directive('@key(fields: "id")')
export class Case {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = newId();

  @Property({ type: 'uuid', index: true })
  householdId: string;

  @Property({ type: 'text' })
  @Field(() => CaseChannel)
  channel: CaseChannel;

  @Property({ type: 'text' })
  @Field(() => CaseStatus)
  status: CaseStatus = CaseStatus.OPEN;

  @Property({ type: 'text' })
  @Field(() => CaseStage, { description: 'Where the case stands in its channel’s workflow.' })
  stage: CaseStage;

  @Property({ type: 'text' })
  @Field(() => String)
  summary: string;

  @Property({ type: 'uuid', index: true })
  leadOrganisationId: string;

  /** The organisation where the case began, e.g. the police unit that handled the death (maybe another county). */
  @Property({ type: 'uuid', nullable: true, index: true })
  originOrganisationId: string | null = null;

  /** HOTLINE: whoever was asked first (首问负责制); they must bring the applicant to the window. */
  @Property({ type: 'uuid', nullable: true, index: true })
  firstQuestionOrganisationId: string | null = null;

  /** WINDOW_APPLICATION and HOTLINE: the intake window (社会救助受理窗口) that transfers the request. */
  @Property({ type: 'uuid', nullable: true, index: true })
  windowOrganisationId: string | null = null;

  @Property({ type: 'boolean' })
  @Field(() => Boolean, { description: 'Whether the request has reached the intake window (HOTLINE: bringToWindow).' })
  atWindow: boolean = false;

  /** VILLAGE_DISCOVERY and DATA_COMPARISON: the township office the lead was assigned to (assignLead). */
  @Property({ type: 'uuid', nullable: true, index: true })
  officeOrganisationId: string | null = null;

  /** The jurisdiction responsible for the family (the hukou place decides, 河鱼府发【2021】39号 二(二)). */
  @Property({ type: 'string', length: 12, index: true })
  jurisdictionCode: string;

  /**
   * Where the family is registered (户籍地) and where it lives, as households told the caller who opened the case:
   * those overseeing either place oversee the case too (河鱼府发【2021】39号 二(二): the residence discovers, the hukou place
   * decides). Null when the caller could not read the household.
   */
  @Property({ type: 'string', length: 12, nullable: true, index: true })
  householdJurisdictionCode: string | null = null;

  @Property({ type: 'string', length: 12, nullable: true, index: true })
  residenceJurisdictionCode: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'The person answerable for the case at the lead (责任人).' })
  responsiblePerson: string | null = null;

  @Property({ type: 'text[]' })
  @Field(() => [PriorityGroup], {
    description:
      '晋检发办字〔2023〕10号 第五条: the green-channel groups ticked when the case was opened (see greenChannelReasons ' +
      'for those the household’s facts show).',
  })
  priorityGroups: PriorityGroup[] = [];

  /** The green-channel groups the household's facts showed (case.household.ts priorityGroupsOf). */
  @Property({ type: 'text[]' })
  derivedPriorityGroups: PriorityGroup[] = [];

  /** Of those, the ones resting on health facts (DISABLED): shown only to those who may read sensitive facts. */
  @Property({ type: 'text[]' })
  sensitivePriorityGroups: PriorityGroup[] = [];

  /** Why each derived group applies, in words without personal data. */
  @Property({ type: 'json' })
  greenChannelFacts: { group: PriorityGroup; fact: string | null }[] = [];

  /** Declared or derived: the case goes first among equals in every inbox and list (stored to sort by it). */
  @Property({ type: 'boolean', default: false, index: true })
  greenChannel: boolean = false;

  /** 户口性质 as households recorded it when last read (RURAL, URBAN); null when the caller could not read it. */
  @Property({ type: 'text', nullable: true })
  hukouType: string | null = null;

  @Property({ type: 'date' })
  @Field(() => DateScalar, {
    description: 'The day the case came in (a death case: the day the visit letter arrived); deadlines count from it.',
  })
  receivedOn: string;

  @Property({ type: 'datetime' })
  @Field(() => Date)
  openedAt: Date = new Date();

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: 'Collective review (会审): the day it was held.' })
  reviewedOn: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Collective review (会审): what it concluded.' })
  reviewConclusion: string | null = null;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, {
    nullable: true,
    description: 'WINDOW_APPLICATION, HOTLINE: the day it was concluded (办结).',
  })
  concludedOn: string | null = null;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true })
  closedOn: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  closeReason: string | null = null;

  @Property({ type: 'integer', version: true })
  @Field(() => Int, { description: 'Send it with every step; a stale one answers CONFLICT.' })
  version: number = 1;

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  @Field(() => Date)
  updatedAt: Date = new Date();
}

@ObjectType()
export class CaseConnection extends SyncConnectionType(Case) {}
