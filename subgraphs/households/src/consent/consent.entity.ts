import { Entity, ManyToOne, Property } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { MutableRecord } from '@doudi/shared';
import { Household } from '../household/household.entity.js';
import { Person } from '../person/person.entity.js';

/** What a family agreed to. */
export enum ConsentPurpose {
  /**
   * Publishing the family's case or decision: the public notice of a decision (河鱼府发【2021】39号 二(五)
   * "对专题会审结果及时进行公示"), and publicity work, for which 襄政办发〔2023〕26号 八(五) says "涉及当事人个人信息时,
   * 要征得本人或家属同意".
   */
  PUBLICITY = 'PUBLICITY',
  /** Sharing the family's data with other agencies beyond what the referral itself needs (docs/architecture.md, Security model). */
  DATA_SHARING = 'DATA_SHARING',
  /** Recording a visit (photos, audio, video). */
  VISIT_RECORDING = 'VISIT_RECORDING',
  OTHER = 'OTHER',
}
registerEnumType(ConsentPurpose, { name: 'ConsentPurpose', description: 'What a family agreed to.' });

/**
 * A consent given by a member of a household (本人或家属, 襄政办发〔2023〕26号 八(五)) for one purpose, from `givenAt`
 * until it is withdrawn. Withdrawing ends it from `withdrawnAt` on; the record itself stays, so what was
 * allowed at any moment can be shown later.
 */
@Entity({ tableName: 'consent_record' })
@ObjectType({ description: "A household member's consent for one purpose, and its withdrawal." })
export class ConsentRecord extends MutableRecord {
  @ManyToOne({ entity: () => Household, mapToPk: true, fieldName: 'household_id', index: true })
  householdId: string;

  /** The member who gave it; the GraphQL field `person` resolves it. */
  @ManyToOne({ entity: () => Person, mapToPk: true, fieldName: 'person_id', index: true })
  personId: string;

  @Property({ type: 'text' })
  @Field(() => ConsentPurpose)
  purpose: ConsentPurpose;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'What exactly was agreed, e.g. 同意在村务公开栏公示低保审批结果.' })
  scope: string;

  @Property({ type: 'datetime' })
  @Field(() => Date, { description: 'When the member gave it.' })
  givenAt: Date;

  @Property({ type: 'text', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The account that recorded it.' })
  recordedBy: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was withdrawn; null while it stands.' })
  withdrawnAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  withdrawnReason: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The account that recorded the withdrawal.' })
  withdrawnBy: string | null = null;

  /** True when this record allows `purpose` at the instant `at`. */
  holdsAt(purpose: ConsentPurpose, at: Date): boolean {
    return (
      this.purpose === purpose &&
      this.givenAt.getTime() <= at.getTime() &&
      (this.withdrawnAt === null || this.withdrawnAt.getTime() > at.getTime())
    );
  }
}
