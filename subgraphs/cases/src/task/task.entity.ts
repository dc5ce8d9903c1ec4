import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, newId } from '@doudi/shared';
import { DeadlineRule } from '../deadline/deadline.rules.js';

/** What an organisation must do next for a case (WORKFLOWS.md "Deadlines"). */
export enum TaskKind {
  VISIT = 'VISIT',
  STATION_REPORT = 'STATION_REPORT',
  PUSH_REFERRALS = 'PUSH_REFERRALS',
  CONCLUDE_INVESTIGATION = 'CONCLUDE_INVESTIGATION',
  TRANSFER = 'TRANSFER',
  CONCLUDE = 'CONCLUDE',
  ASSIGN_LEAD = 'ASSIGN_LEAD',
  FOLLOW_UP = 'FOLLOW_UP',
  ECONOMIC_CHECK = 'ECONOMIC_CHECK',
}
registerEnumType(TaskKind, {
  name: 'TaskKind',
  valuesConfig: {
    VISIT: {
      description: '襄政办发〔2023〕26号 七(二): visit the family (death case: within DEATH_CASE_VISIT of the letter).',
    },
    STATION_REPORT: {
      description: '襄政办发〔2023〕26号 七(三): the station’s written record reaches the lead department.',
    },
    PUSH_REFERRALS: {
      description: '襄政办发〔2023〕26号 七(三), 晋检发办字〔2023〕10号 第十九条: push the referrals to the agencies.',
    },
    CONCLUDE_INVESTIGATION: {
      description: '晋检发办字〔2023〕10号 第十九条: finish the investigation (no fixed time limit).',
    },
    TRANSFER: { description: '周政办字〔2017〕70号 四(二): the window transfers the request (转办).' },
    CONCLUDE: { description: '周政办字〔2017〕70号 四(四): conclude the request (办结).' },
    ASSIGN_LEAD: { description: '河鱼府发【2021】39号 二(四): the township assigns the lead to an office (清单管理).' },
    FOLLOW_UP: { description: '襄政办发〔2023〕26号 七(六), 晋检发办字〔2023〕10号 第二十五条: a follow-up visit.' },
    ECONOMIC_CHECK: {
      description: '临社救办发〔2015〕3号 二(一)、三(三): answer the household economic check (家庭经济状况核对).',
    },
  },
});

export enum TaskStatus {
  OPEN = 'OPEN',
  DONE = 'DONE',
  CANCELLED = 'CANCELLED',
}
registerEnumType(TaskStatus, { name: 'TaskStatus' });

@Entity({ tableName: 'case_task' })
// The inbox's incremental sync (docs/sync.md) reads an organisation's changes in (updatedAt, id) order.
@Index({ properties: ['organisationId', 'updatedAt', 'id'] })
@Index({ properties: ['organisationId', 'status'] })
@ObjectType({ description: 'A step an organisation must take for a case, with its due date.' })
export class CaseTask {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = newId();

  @Property({ type: 'uuid', index: true })
  caseId: string;

  @Property({ type: 'text' })
  @Field(() => TaskKind)
  kind: TaskKind;

  @Property({ type: 'text' })
  @Field(() => TaskStatus)
  status: TaskStatus = TaskStatus.OPEN;

  /** Who must do it. */
  @Property({ type: 'uuid' })
  organisationId: string;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true })
  dueDate: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => DeadlineRule, { nullable: true, description: 'The time limit the due date was counted by.' })
  dueRule: DeadlineRule | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, {
    nullable: true,
    description: 'Why the due date may be wrong (an unpublished holiday schedule, the seed’s figure standing in).',
  })
  dueDateWarning: string | null = null;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: 'The day it was done (or cancelled).' })
  completedOn: string | null = null;

  @Property({ type: 'datetime' })
  @Field(() => Date)
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  @Field(() => Date, {
    description: 'When it was created or last changed: what the inbox’s sync orders by (docs/sync.md).',
  })
  updatedAt: Date = new Date();
}
