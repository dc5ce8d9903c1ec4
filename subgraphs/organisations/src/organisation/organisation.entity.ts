import { Entity, ManyToOne, Property } from '@mikro-orm/postgresql';
import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionType, MutableRecord } from '@doudi/shared';
import { Jurisdiction } from '../jurisdiction/jurisdiction.entity.js';

/** The kinds of agency the regulations name (docs/architecture.md, Who owns what). */
export enum OrganisationKind {
  PUBLIC_SECURITY = 'PUBLIC_SECURITY',
  PROCURATORATE = 'PROCURATORATE',
  COURT = 'COURT',
  CIVIL_AFFAIRS = 'CIVIL_AFFAIRS',
  EDUCATION = 'EDUCATION',
  HUMAN_RESOURCES_SOCIAL_SECURITY = 'HUMAN_RESOURCES_SOCIAL_SECURITY',
  HOUSING = 'HOUSING',
  AGRICULTURE_RURAL = 'AGRICULTURE_RURAL',
  MEDICAL_SECURITY = 'MEDICAL_SECURITY',
  HEALTH = 'HEALTH',
  JUSTICE = 'JUSTICE',
  VETERANS = 'VETERANS',
  FINANCE = 'FINANCE',
  EMERGENCY_MANAGEMENT = 'EMERGENCY_MANAGEMENT',
  TRADE_UNION = 'TRADE_UNION',
  YOUTH_LEAGUE = 'YOUTH_LEAGUE',
  WOMENS_FEDERATION = 'WOMENS_FEDERATION',
  DISABLED_PERSONS_FEDERATION = 'DISABLED_PERSONS_FEDERATION',
  RED_CROSS = 'RED_CROSS',
  CARE_FOR_NEXT_GENERATION = 'CARE_FOR_NEXT_GENERATION',
  TOWNSHIP_GOVERNMENT = 'TOWNSHIP_GOVERNMENT',
  VILLAGE_COMMITTEE = 'VILLAGE_COMMITTEE',
  /** 河鱼府发【2021】39号: the county centre, township station and village points of proactive discovery. */
  ASSISTANCE_STATION = 'ASSISTANCE_STATION',
  SCHOOL = 'SCHOOL',
  HOSPITAL = 'HOSPITAL',
  CHARITY = 'CHARITY',
  OTHER = 'OTHER',
}
registerEnumType(OrganisationKind, { name: 'OrganisationKind' });

@Entity({ tableName: 'organisation' })
@ObjectType({ description: 'An agency, office or committee that takes part in social assistance.' })
@Directive('@key(fields: "id")')
export class Organisation extends MutableRecord {
  @Property({ type: 'text' })
  @Field(() => String)
  name: string;

  @Property({ type: 'text' })
  @Field(() => OrganisationKind)
  kind: OrganisationKind;

  @ManyToOne({ entity: () => Jurisdiction, mapToPk: true, fieldName: 'jurisdiction_code', index: true })
  jurisdictionCode: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  hotline: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  address: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'The liaison (联络员) other agencies contact, by role or name.' })
  liaisonName: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: "The liaison's office telephone." })
  liaisonPhone: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, {
    nullable: true,
    description: 'Set when deactivated: history stays, its staff can no longer sign in.',
  })
  deactivatedAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, {
    nullable: true,
    description: 'Why it was deactivated (merged, abolished …), as the administrator gave it.',
  })
  deactivationReason: string | null = null;
}

@ObjectType()
export class OrganisationConnection extends ConnectionType(Organisation) {}
