import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { SyncConnectionType, DateScalar, newId } from '@doudi/shared';
import { Organisation } from '../organisation/organisation.entity.js';

export enum NotificationKind {
  REMINDER = 'REMINDER',
  ESCALATION = 'ESCALATION',
}
registerEnumType(NotificationKind, {
  name: 'NotificationKind',
  valuesConfig: {
    REMINDER: { description: 'A step is at risk: one working day or less is left.' },
    ESCALATION: { description: 'A step is overdue; the joint-meeting office hears of it too.' },
  },
});

/** The steps of a case that carry a due date (the cases subgraph's inbox items). */
export enum NotificationItemKind {
  REFERRAL = 'REFERRAL',
  TASK = 'TASK',
  FOLLOW_UP = 'FOLLOW_UP',
  LEDGER = 'LEDGER',
  BENEFIT_REVIEW = 'BENEFIT_REVIEW',
  BENEFIT_DECISION = 'BENEFIT_DECISION',
  WEBHOOK = 'WEBHOOK',
}
registerEnumType(NotificationItemKind, {
  name: 'NotificationItemKind',
  valuesConfig: {
    WEBHOOK: {
      description:
        'A webhook subscription of the organisation was paused after failing deliveries in a row; itemId is the ' +
        'subscription’s id (webhookSubscription(id)): fix the receiver, then resume it and replay what failed.',
    },
    BENEFIT_DECISION: {
      description:
        'A proposed benefit near or past its decision due date (临社救办发〔2015〕3号 二(八): 缩短审批时限); itemId is the ' +
        'benefit’s id (benefit(id), or benefits(filter: { awaitingMyDecision: true })).',
    },
    BENEFIT_REVIEW: {
      description:
        'A benefit in payment reached its periodic review date (临社救办发〔2015〕3号 二(一)(二): 动态管理); itemId is the ' +
        'benefit’s id (benefit(id), or benefits(filter: { underReview: true })).',
    },
    LEDGER: {
      description:
        'A monthly ledger (台账) of 河鱼府发【2021】39号 二(四) not yet submitted; itemId is the ledger’s id (ledgerById, ' +
        'or ledger by kind and month once submitted).',
    },
  },
});

/**
 * A deadline notice for one organisation, made from the cases subgraph's case.deadline.* events
 * (notification.events.ts). One per organisation, kind, step and due date, however often the event arrives.
 */
@Entity({ tableName: 'notification' })
// Incremental sync (docs/sync.md) reads an organisation's changes in (updatedAt, id) order.
@Index({ properties: ['organisationId', 'updatedAt', 'id'] })
@Unique({ properties: ['organisationId', 'kind', 'itemKind', 'itemId', 'dueDate'] })
@Index({ properties: ['organisationId', 'createdAt'] })
// The notifications one event made, told by webhook (webhook/webhook.events.ts).
@Index({ properties: ['eventId'] })
@ObjectType({ description: 'A deadline reminder or escalation for an organisation.' })
export class Notification {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = newId();

  /** The organisation notified: the one that must act, or the joint-meeting office an escalation reaches. */
  @ManyToOne({ entity: () => Organisation, mapToPk: true, fieldName: 'organisation_id' })
  organisationId: string;

  @Property({ type: 'text' })
  @Field(() => NotificationKind)
  kind: NotificationKind;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, {
    nullable: true,
    description: 'The case the step belongs to (read it from the cases service); null for a LEDGER.',
  })
  caseId: string | null;

  @Property({ type: 'text' })
  @Field(() => NotificationItemKind)
  itemKind: NotificationItemKind;

  @Property({ type: 'uuid' })
  @Field(() => ID, { description: 'The referral, task or follow-up that is due.' })
  itemId: string;

  /** The organisation that must act (the notified one, except on the office's copy of an escalation). */
  @Property({ type: 'uuid' })
  responsibleOrganisationId: string;

  @Property({ type: 'text' })
  jurisdictionCode: string;

  @Property({ type: 'date' })
  @Field(() => DateScalar, { description: "The step's due date, in its jurisdiction's calendar." })
  dueDate: string;

  /** The event it came from. */
  @Property({ type: 'uuid' })
  eventId: string;

  @Property({ type: 'datetime' })
  @Field(() => Date)
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When someone of the organisation marked it read.' })
  readAt: Date | null = null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The staff account or API client that marked it read.' })
  readBy: string | null = null;

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  @Field(() => Date, {
    description: 'When it was created or last changed (marked read): what incremental sync orders by (docs/sync.md).',
  })
  updatedAt: Date = new Date();
}

@ObjectType()
export class NotificationConnection extends SyncConnectionType(Notification) {}
