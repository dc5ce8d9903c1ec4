import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import { newId } from '@doudi/shared';

/** The kinds of open step that carry a due date (the same as `InboxItem.kind`). */
export const DEADLINE_ITEM_KINDS = ['REFERRAL', 'TASK', 'FOLLOW_UP'] as const;
export type DeadlineItemKind = (typeof DEADLINE_ITEM_KINDS)[number];

/** REMINDER: one working day or less left. ESCALATION: overdue. */
export type NoticeLevel = 'REMINDER' | 'ESCALATION';

/**
 * A deadline reminder or escalation sent (published as an event) for one open step. Unique per step, level
 * and due date: the sweep sends each at most once, and a step whose due date changes gets a new one.
 */
@Entity({ tableName: 'deadline_notice' })
@Unique({ properties: ['itemKind', 'itemId', 'level', 'dueDate'] })
export class DeadlineNotice {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Property({ type: 'text' })
  itemKind: DeadlineItemKind;

  /** The referral's, task's or follow-up's id. */
  @Property({ type: 'uuid' })
  itemId: string;

  @Property({ type: 'text' })
  level: NoticeLevel;

  /** The due date this notice was about. */
  @Property({ type: 'date' })
  dueDate: string;

  @Property({ type: 'datetime' })
  sentAt: Date = new Date();
}
