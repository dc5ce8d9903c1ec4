import { Entity, ManyToOne, Property } from '@mikro-orm/postgresql';
import { Household } from '../household/household.entity.js';
import { Directive, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionType, DateScalar, MutableRecord } from '@doudi/shared';
import {
  DisabilityCategory,
  EmploymentStatus,
  ReliefCategory,
  SchoolingStage,
  VeteranStatus,
  WorkAbility,
} from './person.facts.js';

export enum Sex {
  MALE = 'MALE',
  FEMALE = 'FEMALE',
}
registerEnumType(Sex, { name: 'Sex' });

/** Relationship to the head of the registered household (户主). */
export enum RelationshipToHead {
  SELF = 'SELF',
  SPOUSE = 'SPOUSE',
  CHILD = 'CHILD',
  PARENT = 'PARENT',
  GRANDCHILD = 'GRANDCHILD',
  GRANDPARENT = 'GRANDPARENT',
  SIBLING = 'SIBLING',
  OTHER = 'OTHER',
}
registerEnumType(RelationshipToHead, { name: 'RelationshipToHead' });

/** How a member left the household (issue 17 item 8): from that date they no longer count in it. */
export enum MemberExitKind {
  /** 死亡 */
  DEATH = 'DEATH',
  /** 迁出、分户或不再共同生活 */
  DEPARTURE = 'DEPARTURE',
}
registerEnumType(MemberExitKind, {
  name: 'MemberExitKind',
  valuesConfig: {
    DEATH: { description: '死亡' },
    DEPARTURE: { description: '迁出、分户或不再共同生活' },
  },
});

@Entity({ tableName: 'person' })
@ObjectType({ description: 'A member of a household.' })
@Directive('@key(fields: "id")')
export class Person extends MutableRecord {
  @ManyToOne({ entity: () => Household, mapToPk: true, fieldName: 'household_id', index: true })
  householdId: string;

  @Property({ type: 'text' })
  @Field(() => String)
  name: string;

  @Property({ type: 'text' })
  @Field(() => Sex)
  sex: Sex;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true })
  birthDate: string | null = null;

  @Property({ type: 'text' })
  @Field(() => RelationshipToHead)
  relationshipToHead: RelationshipToHead;

  /** Sensitive (health): shown only to roles that may read sensitive facts, see Person.disability. */
  @Property({ type: 'text', nullable: true })
  disabilityCategory: DisabilityCategory | null = null;

  @Property({ type: 'smallint', nullable: true })
  disabilityGrade: number | null = null;

  @Property({ type: 'boolean' })
  hasDisabilityCertificate: boolean = false;

  @Property({ type: 'boolean' })
  seriousIllness: boolean = false;

  @Property({ type: 'boolean' })
  chronicIllness: boolean = false;

  @Property({ type: 'text', nullable: true })
  @Field(() => SchoolingStage, { nullable: true })
  schoolingStage: SchoolingStage | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => EmploymentStatus, { nullable: true })
  employmentStatus: EmploymentStatus | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => WorkAbility, { nullable: true })
  workAbility: WorkAbility | null = null;

  @Property({ type: 'text' })
  @Field(() => VeteranStatus)
  veteranStatus: VeteranStatus = VeteranStatus.NONE;

  @Property({ type: 'boolean' })
  @Field(() => Boolean, { description: '孤儿' })
  orphan: boolean = false;

  @Property({ type: 'boolean' })
  @Field(() => Boolean, { description: '事实无人抚养儿童' })
  unattendedChild: boolean = false;

  /** 独居老人, as the civil-affairs office reports it (河鱼府发【2021】39号 二(四)). */
  @Property({ type: 'boolean' })
  @Field(() => Boolean, { description: '独居老人 (pushed by the civil-affairs office).' })
  livesAlone: boolean = false;

  /** Unemployed since (social-security office's data); employmentStatus says UNEMPLOYED beside it. */
  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: 'Unemployed since (pushed by the social-security office).' })
  unemployedSince: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => ReliefCategory, {
    nullable: true,
    description: 'Listed by the civil-affairs office as a dibao or tekun recipient (在册救助对象).',
  })
  reliefCategory: ReliefCategory | null = null;

  /** This year's university admission (economic-development office): the school and the year of entry. */
  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'The university that admitted the member.' })
  admissionSchool: string | null = null;

  @Property({ type: 'smallint', nullable: true })
  @Field(() => Int, { nullable: true, description: 'The year of that admission.' })
  admissionYear: number | null = null;

  /** The ID number sealed with the personal-data key (docs/architecture.md, Security model); never read back but to reveal it. */
  @Property({ type: 'text', nullable: true, hidden: true })
  idNumberSealed: string | null = null;

  /** Keyed hash of the ID number, for exact lookup and de-duplication. */
  @Property({ type: 'text', nullable: true, unique: true, hidden: true })
  idNumberHash: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, {
    nullable: true,
    name: 'idNumber',
    description: 'Masked (141023********1234); see revealPersonalData.',
  })
  idNumberMasked: string | null = null;

  @Property({ type: 'text', nullable: true, hidden: true })
  phoneSealed: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, name: 'phone', description: 'Masked (138****5678); see revealPersonalData.' })
  phoneMasked: string | null = null;

  /**
   * The day the member died or left (recordMemberExit): from that day on the household's size, per-capita income
   * and screening no longer count them; the record and its history stay.
   */
  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, {
    nullable: true,
    description: 'The day the member died or left the household; null while a member.',
  })
  exitedOn: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => MemberExitKind, { nullable: true, description: 'Whether the member died or left.' })
  exitKind: MemberExitKind | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, {
    nullable: true,
    description: 'Who reported the death or departure, e.g. 死亡医学证明, 派出所户籍注销, 村委会.',
  })
  exitSource: string | null = null;
}

/** Whether a member belonged to the household on `date` (YYYY-MM-DD): not yet dead or gone by then. */
export const isPresentOn = (person: Pick<Person, 'exitedOn'>, date: string) =>
  person.exitedOn === null || person.exitedOn > date;

@ObjectType()
export class PersonConnection extends ConnectionType(Person) {}
