import { Entity, ManyToOne, Property } from '@mikro-orm/postgresql';
import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionType, DateScalar, MutableRecord } from '@doudi/shared';
import { Case } from '../case/case.entity.js';

/** What the sender asks the receiver to look at (seed 000 七(二): the six life areas, and more). */
export enum ReferralKind {
  SOCIAL_ASSISTANCE = 'SOCIAL_ASSISTANCE',
  RURAL_SUPPORT = 'RURAL_SUPPORT',
  EDUCATION_AID = 'EDUCATION_AID',
  ELDERLY_CARE = 'ELDERLY_CARE',
  MEDICAL_AID = 'MEDICAL_AID',
  EMPLOYMENT_AID = 'EMPLOYMENT_AID',
  HOUSING_AID = 'HOUSING_AID',
  MENTAL_HEALTH = 'MENTAL_HEALTH',
  JUDICIAL_ASSISTANCE = 'JUDICIAL_ASSISTANCE',
  LEGAL_AID = 'LEGAL_AID',
  OTHER = 'OTHER',
}
registerEnumType(ReferralKind, { name: 'ReferralKind' });

export enum ReferralStatus {
  SENT = 'SENT',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  ANSWERED = 'ANSWERED',
}
registerEnumType(ReferralStatus, { name: 'ReferralStatus' });

@Entity({ tableName: 'referral' })
@ObjectType({ description: 'One agency asking another to act for a case, with a due date.' })
@Directive('@key(fields: "id")')
export class Referral extends MutableRecord {
  @ManyToOne({ entity: () => Case, mapToPk: true, fieldName: 'case_id', index: true })
  caseId: string;

  @Property({ type: 'uuid', index: true })
  fromOrganisationId: string;

  @Property({ type: 'uuid', index: true })
  toOrganisationId: string;

  @Property({ type: 'text' })
  @Field(() => ReferralKind)
  kind: ReferralKind;

  @Property({ type: 'text' })
  @Field(() => ReferralStatus)
  status: ReferralStatus = ReferralStatus.SENT;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'What the sender asks for, in its own words.' })
  note: string | null = null;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: 'The day by which the receiver must answer.' })
  dueDate: string | null = null;
}

@ObjectType()
export class ReferralConnection extends ConnectionType(Referral) {}
