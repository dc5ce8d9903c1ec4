import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import { newId } from '@doudi/shared';
import { Benefit } from './benefit.entity.js';

/** REMINDER: one working day or less left to decide. ESCALATION: overdue. */
export type DecisionNoticeLevel = 'REMINDER' | 'ESCALATION';

/**
 * A reminder or escalation sent (published as an event) for a proposal awaiting its decision (临社救办发〔2015〕3号
 * 二(八)). Unique per benefit, level and due date: the sweep sends each once; a due date that moves gets new ones.
 */
@Entity({ tableName: 'benefit_decision_notice' })
@Unique({ properties: ['benefitId', 'level', 'dueDate'] })
export class BenefitDecisionNotice {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne({ entity: () => Benefit, mapToPk: true, fieldName: 'benefit_id' })
  benefitId: string;

  @Property({ type: 'text' })
  level: DecisionNoticeLevel;

  @Property({ type: 'date' })
  dueDate: string;

  @Property({ type: 'datetime' })
  sentAt: Date = new Date();
}
