import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, newId } from '@doudi/shared';
import { DeadlineRule } from '../deadline/deadline.rules.js';

export enum EconomicCheckStatus {
  /** Asked of the checking organisation; its answer is due. */
  REQUESTED = 'REQUESTED',
  /** The answer is in the registry and the household was screened again on it. */
  ANSWERED = 'ANSWERED',
}
registerEnumType(EconomicCheckStatus, { name: 'EconomicCheckStatus' });

/**
 * A household economic check (家庭经济状况核对, 临社救办发〔2015〕3号 二(一)、三(三); 周政办字〔2017〕70号 三(三) 家庭财产核算共享平台)
 * asked for a dibao or tekun application. It is a step of the case — the application, with its due dates, inbox and
 * timeline — so it lives in cases; what it finds goes to the household's facts in households, with the checking
 * organisation as source and the day of the answer.
 */
@Entity({ tableName: 'economic_check' })
@Index({ properties: ['checkingOrganisationId', 'status'] })
@ObjectType({ description: 'A household economic check (家庭经济状况核对) asked for an application, and its answer.' })
export class EconomicCheck {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = newId();

  @Property({ type: 'uuid', index: true })
  caseId: string;

  @Property({ type: 'uuid' })
  householdId: string;

  /** Who checks: the county's checking centre or another organisation holding the data. */
  @Property({ type: 'uuid' })
  checkingOrganisationId: string;

  @Property({ type: 'uuid', nullable: true })
  requestedByOrganisationId: string | null = null;

  @Property({ type: 'text' })
  requestedById: string;

  @Property({ type: 'text' })
  @Field(() => EconomicCheckStatus)
  status: EconomicCheckStatus = EconomicCheckStatus.REQUESTED;

  @Property({ type: 'date' })
  @Field(() => DateScalar)
  requestedOn: string;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, {
    nullable: true,
    description: 'The answer is due by this day (the county’s ECONOMIC_CHECK).',
  })
  dueDate: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => DeadlineRule, { nullable: true })
  dueRule: DeadlineRule | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Why the due date may be wrong.' })
  dueDateWarning: string | null = null;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: 'The day the checking organisation answered.' })
  answeredOn: string | null = null;

  @Property({ type: 'text', nullable: true })
  answeredById: string | null = null;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: 'How many income figures the answer wrote to the registry.' })
  incomeFigures: number | null = null;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: 'How many assets the answer wrote to the registry.' })
  assetCount: number | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'What the checking organisation adds, in words.' })
  note: string | null = null;

  @Property({ type: 'integer', version: true })
  @Field(() => Int)
  version: number = 1;

  @Property({ type: 'datetime' })
  @Field(() => Date)
  createdAt: Date = new Date();
}
