import { Entity, Property, Unique } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { MutableRecord } from '@doudi/shared';
import { ProgrammeKind } from '../programme/programme-kind.js';

/**
 * The working days a jurisdiction gives its approvers to decide a proposed benefit of one programme kind
 * (临社救办发〔2015〕3号 二(八): 根据救助类型改进审批方式, 缩短审批时限). A county's setting applies to its townships; the
 * nearest setting above a household's hukou place wins, else Doudi's default for the kind.
 */
@Entity({ tableName: 'approval_time_limit' })
@Unique({ properties: ['jurisdictionCode', 'programmeKind'] })
@ObjectType({ description: 'Working days to decide a proposed benefit of a kind, as a jurisdiction set them.' })
export class ApprovalTimeLimit extends MutableRecord {
  @Property({ type: 'string', length: 12 })
  @Field(() => ID)
  jurisdictionCode: string;

  @Property({ type: 'text' })
  @Field(() => ProgrammeKind)
  programmeKind: ProgrammeKind;

  @Property({ type: 'smallint' })
  @Field(() => Int)
  workingDays: number;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'The decision that set it (e.g. the county’s document).' })
  reason: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  setById: string | null = null;
}
