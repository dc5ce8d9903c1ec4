import { Entity, Index, Property } from '@mikro-orm/postgresql';
import { Directive, Field, ObjectType } from 'type-graphql';
import { SyncConnectionType, DateScalar, formatYuan, MutableRecord } from '@doudi/shared';
import { DisasterKind, HousingAssistance, HukouType, PovertyMonitoringStatus } from './household.facts.js';

@Entity({ tableName: 'household' })
// Incremental sync (docs/sync.md) reads changes in (updatedAt, id) order.
@Index({ properties: ['updatedAt', 'id'] })
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

  /** 住房保障 (urban-construction office's data, 河鱼府发【2021】39号 二(四)). */
  @Property({ type: 'text', nullable: true })
  @Field(() => HousingAssistance, { nullable: true, description: 'Housing assistance the family receives.' })
  housingAssistance: HousingAssistance | null = null;

  /** The last disaster the emergency office reported the family in hardship through. */
  @Property({ type: 'text', nullable: true })
  @Field(() => DisasterKind, { nullable: true })
  disasterKind: DisasterKind | null = null;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true })
  disasterDate: string | null = null;

  @Property({ type: 'integer', nullable: true })
  disasterLossFen: number | null = null;

  @Field(() => String, { nullable: true, description: 'The loss the disaster caused, in yuan ("1234.50").' })
  get disasterLoss(): string | null {
    return this.disasterLossFen === null ? null : formatYuan(this.disasterLossFen);
  }

  /**
   * Lazy: lists and loaders leave it out (a planted 10 MB address slowed every list of its county);
   * `Household.address` reads it only when asked for (HouseholdResolver.address), single reads populate it.
   */
  @Property({ type: 'text', nullable: true, lazy: true })
  address: string | null = null;
}

@ObjectType()
export class HouseholdConnection extends SyncConnectionType(Household) {}
