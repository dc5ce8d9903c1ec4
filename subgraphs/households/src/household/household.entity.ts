import { Entity, Property } from '@mikro-orm/postgresql';
import { Directive, Field, ObjectType } from 'type-graphql';
import { ConnectionType, DateScalar, MutableRecord } from '@doudi/shared';
import { HukouType, PovertyMonitoringStatus } from './household.facts.js';

@Entity({ tableName: 'household' })
@ObjectType({ description: 'A household: the people who live together and the facts programmes need.' })
@Directive('@key(fields: "id")')
export class Household extends MutableRecord {
  /** The hukou place (户籍地): it decides on relief (河鱼府发【2021】39号 二(二)). */
  @Property({ type: 'string', length: 12, index: true })
  jurisdictionCode: string;

  /** Where the family actually lives, when not at its hukou place (relocated families): it discovers. */
  @Property({ type: 'string', length: 12, nullable: true, index: true })
  residenceJurisdictionCode: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => HukouType, { nullable: true })
  hukouType: HukouType | null = null;

  @Property({ type: 'text' })
  @Field(() => PovertyMonitoringStatus)
  povertyMonitoringStatus: PovertyMonitoringStatus = PovertyMonitoringStatus.NONE;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Who reported the monitoring status (e.g. 县农业农村局).' })
  povertyMonitoringSource: string | null = null;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true })
  povertyMonitoringSince: string | null = null;

  /**
   * Lazy: lists and loaders leave it out (a planted 10 MB address slowed every list of its county);
   * `Household.address` reads it only when asked for (HouseholdResolver.address), single reads populate it.
   */
  @Property({ type: 'text', nullable: true, lazy: true })
  address: string | null = null;
}

@ObjectType()
export class HouseholdConnection extends ConnectionType(Household) {}
