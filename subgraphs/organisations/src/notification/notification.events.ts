import type { EntityManager } from '@mikro-orm/postgresql';
import {
  assertId,
  assertJurisdictionCode,
  chainOf,
  isIsoDate,
  newId,
  type DeliveredEvent,
  type EventHandlers,
} from '@doudi/shared';
import { JointMeeting } from '../joint-meeting/joint-meeting.entity.js';
import { Organisation } from '../organisation/organisation.entity.js';
import { Notification, NotificationItemKind, NotificationKind } from './notification.entity.js';

/** What the cases subgraph puts in every case.deadline.* event (cases/src/reminder). */
interface DeadlinePayload {
  itemKind: string;
  itemId: string;
  caseId: string;
  organisationId: string;
  jurisdictionCode: string;
  dueDate: string;
}

function parsePayload(event: DeliveredEvent) {
  const payload = event.payload as unknown as DeadlinePayload;
  if (!Object.values(NotificationItemKind).includes(payload.itemKind as NotificationItemKind))
    throw new Error(`event ${event.eventId}: unknown itemKind ${JSON.stringify(payload.itemKind)}`);
  if (typeof payload.dueDate !== 'string' || !isIsoDate(payload.dueDate))
    throw new Error(`event ${event.eventId}: dueDate is not a date`);
  return {
    itemKind: payload.itemKind as NotificationItemKind,
    itemId: assertId('payload.itemId', payload.itemId),
    caseId: assertId('payload.caseId', payload.caseId),
    organisationId: assertId('payload.organisationId', payload.organisationId),
    jurisdictionCode: assertJurisdictionCode('payload.jurisdictionCode', payload.jurisdictionCode),
    dueDate: payload.dueDate,
  };
}

/**
 * The organisations hosting the joint-meeting office (联席会议办公室) of the nearest jurisdiction at or above
 * `jurisdictionCode` that has a joint meeting: a township's overdue step goes to its county's office when the
 * township has none. Every meeting of that jurisdiction counts (it rarely has more than one).
 */
export async function jointMeetingOfficesFor(em: EntityManager, jurisdictionCode: string): Promise<string[]> {
  const chain = chainOf(jurisdictionCode);
  const meetings = await em.find(JointMeeting, { jurisdictionCode: { $in: chain } });
  const nearest = Math.max(-1, ...meetings.map((m) => chain.indexOf(m.jurisdictionCode)));
  return meetings.filter((m) => chain.indexOf(m.jurisdictionCode) === nearest).map((m) => m.officeOrganisationId);
}

type Deadline = ReturnType<typeof parsePayload>;

/**
 * Notifies each of `organisationIds` once. An organisation this subgraph does not know gets nothing (there is
 * no one to read it, and retrying would not make it exist); a notice it already has is not repeated.
 */
async function notify(
  em: EntityManager,
  event: DeliveredEvent,
  deadline: Deadline,
  kind: NotificationKind,
  organisationIds: string[],
) {
  const known = await em.find(Organisation, { id: { $in: [...new Set(organisationIds)] } }, { fields: ['id'] });
  if (!known.length) return;
  const createdAt = new Date();
  await em
    .createQueryBuilder(Notification)
    .insert(
      known.map(({ id }) => ({
        id: newId(),
        organisationId: id,
        kind,
        caseId: deadline.caseId,
        itemKind: deadline.itemKind,
        itemId: deadline.itemId,
        responsibleOrganisationId: deadline.organisationId,
        jurisdictionCode: deadline.jurisdictionCode,
        dueDate: deadline.dueDate,
        eventId: event.eventId,
        createdAt,
        readAt: null,
        readBy: null,
      })),
    )
    .onConflict(['organisationId', 'kind', 'itemKind', 'itemId', 'dueDate'])
    .ignore()
    .execute('run');
}

/** The organisations subgraph's event handlers (events/subscriptions.ts). */
export const notificationEventHandlers: EventHandlers = {
  /** A step is at risk: the organisation that must act is told. */
  'case.deadline.reminder': async (em, event) => {
    const deadline = parsePayload(event);
    await notify(em, event, deadline, NotificationKind.REMINDER, [deadline.organisationId]);
  },
  /** A step is overdue: the organisation that must act, and the joint-meeting office above it. */
  'case.deadline.escalated': async (em, event) => {
    const deadline = parsePayload(event);
    const offices = await jointMeetingOfficesFor(em, deadline.jurisdictionCode);
    await notify(em, event, deadline, NotificationKind.ESCALATION, [deadline.organisationId, ...offices]);
  },
};
