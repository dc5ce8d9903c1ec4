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
import { Organisation, OrganisationKind } from '../organisation/organisation.entity.js';
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

/** What a notification is about: a step of a case, or a ledger (caseId null). */
interface Deadline {
  itemKind: NotificationItemKind;
  itemId: string;
  caseId: string | null;
  /** The organisation that must act. */
  organisationId: string;
  jurisdictionCode: string;
  dueDate: string;
}

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
        updatedAt: createdAt,
        readAt: null,
        readBy: null,
      })),
    )
    .onConflict(['organisationId', 'kind', 'itemKind', 'itemId', 'dueDate'])
    .ignore()
    .execute('run');
}

/** What the cases subgraph puts in every ledger.* event (cases/src/ledger/ledger.job.ts). */
function parseLedgerPayload(event: DeliveredEvent) {
  const payload = event.payload as Record<string, unknown>;
  const kind = payload.kind as string;
  if (!['OFFICE', 'TOWNSHIP', 'TOWNSHIP_SUMMARY'].includes(kind))
    throw new Error(`event ${event.eventId}: unknown ledger kind ${JSON.stringify(kind)}`);
  if (typeof payload.dueDate !== 'string' || !isIsoDate(payload.dueDate))
    throw new Error(`event ${event.eventId}: dueDate is not a date`);
  return {
    kind,
    ledgerId: assertId('payload.ledgerId', String(payload.ledgerId)),
    organisationId: kind === 'OFFICE' ? assertId('payload.organisationId', String(payload.organisationId)) : null,
    jurisdictionCode: assertJurisdictionCode('payload.jurisdictionCode', String(payload.jurisdictionCode)),
    dueDate: payload.dueDate,
  };
}

/** Active organisations of these kinds in exactly this division. */
async function organisationsAt(em: EntityManager, code: string, kinds: OrganisationKind[]): Promise<string[]> {
  const found = await em.find(
    Organisation,
    { jurisdictionCode: code, kind: { $in: kinds }, deactivatedAt: null },
    { fields: ['id'], orderBy: { kind: 'asc', id: 'asc' } },
  );
  return found.map((o) => o.id);
}

/**
 * Who hears of a ledger (河鱼府发【2021】39号 二(四)): an office's ledger goes to the office, and once overdue also to the
 * township's civil-affairs office that rolls it up; a township's goes to that office (民政办, or the township
 * government where no separate office is registered), and once overdue also to the county civil-affairs bureau
 * it is filed with (备案).
 */
async function ledgerNotice(em: EntityManager, event: DeliveredEvent, overdue: boolean) {
  const ledger = parseLedgerPayload(event);
  const townshipCode = `${ledger.jurisdictionCode.slice(0, 9)}000`;
  const township = await organisationsAt(em, townshipCode, [
    OrganisationKind.CIVIL_AFFAIRS,
    OrganisationKind.TOWNSHIP_GOVERNMENT,
  ]);
  const county = overdue
    ? await organisationsAt(em, `${ledger.jurisdictionCode.slice(0, 6)}000000`, [OrganisationKind.CIVIL_AFFAIRS])
    : [];
  const responsible = ledger.organisationId ?? township[0];
  if (!responsible) return;
  const notified = ledger.organisationId
    ? [ledger.organisationId, ...(overdue ? township : [])]
    : [...township, ...county];
  const about: Deadline = {
    itemKind: NotificationItemKind.LEDGER,
    itemId: ledger.ledgerId,
    caseId: null,
    organisationId: responsible,
    jurisdictionCode: ledger.jurisdictionCode,
    dueDate: ledger.dueDate,
  };
  await notify(em, event, about, overdue ? NotificationKind.ESCALATION : NotificationKind.REMINDER, notified);
}

/**
 * A benefit reached its periodic review date (临社救办发〔2015〕3号 二(一)(二): 动态管理; programmes/src/benefit/benefit-review.ts):
 * the civil-affairs office of the hukou place's township (or its government where none is registered) is reminded —
 * the hukou place decides (河鱼府发【2021】39号 二(二)).
 */
async function benefitReviewNotice(em: EntityManager, event: DeliveredEvent) {
  const payload = event.payload as Record<string, unknown>;
  if (typeof payload.dueDate !== 'string' || !isIsoDate(payload.dueDate))
    throw new Error(`event ${event.eventId}: dueDate is not a date`);
  const benefitId = assertId('payload.benefitId', String(payload.benefitId));
  const jurisdictionCode = assertJurisdictionCode('payload.jurisdictionCode', String(payload.jurisdictionCode));
  const townshipCode = `${jurisdictionCode.slice(0, 9)}000`;
  let offices = await organisationsAt(em, townshipCode, [OrganisationKind.CIVIL_AFFAIRS]);
  if (!offices.length) offices = await organisationsAt(em, townshipCode, [OrganisationKind.TOWNSHIP_GOVERNMENT]);
  if (!offices.length) {
    offices = await organisationsAt(em, `${jurisdictionCode.slice(0, 6)}000000`, [OrganisationKind.CIVIL_AFFAIRS]);
  }
  if (!offices.length) return;
  const about: Deadline = {
    itemKind: NotificationItemKind.BENEFIT_REVIEW,
    itemId: benefitId,
    caseId: null,
    organisationId: offices[0],
    jurisdictionCode,
    dueDate: payload.dueDate,
  };
  await notify(em, event, about, NotificationKind.REMINDER, offices);
}

/** The division code of a jurisdiction's ancestor at a level (township 9 digits, county 6, city 4, province 2). */
const ancestorAt = (code: string, level: string) => {
  const digits = { TOWNSHIP: 9, COUNTY: 6, CITY: 4, PROVINCE: 2 }[level] ?? 9;
  return code.slice(0, digits).padEnd(12, '0');
};

/**
 * A proposed benefit is due for its decision within a working day, or overdue (临社救办发〔2015〕3号 二(八): 缩短审批时限;
 * programmes/src/benefit/benefit-decision-due.ts). The civil-affairs office of the level that approves it is reminded
 * (at a township, its government where no separate office is registered); once overdue, the county civil-affairs
 * bureau hears of a township's, and the joint-meeting office above of a county's or higher.
 */
async function benefitDecisionNotice(em: EntityManager, event: DeliveredEvent, overdue: boolean) {
  const payload = event.payload as Record<string, unknown>;
  if (typeof payload.dueDate !== 'string' || !isIsoDate(payload.dueDate))
    throw new Error(`event ${event.eventId}: dueDate is not a date`);
  const benefitId = assertId('payload.benefitId', String(payload.benefitId));
  const jurisdictionCode = assertJurisdictionCode('payload.jurisdictionCode', String(payload.jurisdictionCode));
  const level = String(payload.approvalLevel);
  const approvingCode = ancestorAt(jurisdictionCode, level === 'VILLAGE' ? 'TOWNSHIP' : level);
  let offices = await organisationsAt(em, approvingCode, [OrganisationKind.CIVIL_AFFAIRS]);
  if (!offices.length && approvingCode.endsWith('000') && !approvingCode.endsWith('000000')) {
    offices = await organisationsAt(em, approvingCode, [OrganisationKind.TOWNSHIP_GOVERNMENT]);
  }
  const countyCode = ancestorAt(jurisdictionCode, 'COUNTY');
  if (!offices.length) offices = await organisationsAt(em, countyCode, [OrganisationKind.CIVIL_AFFAIRS]);
  if (!offices.length) return;
  const above = !overdue
    ? []
    : approvingCode.slice(6) !== '000000'
      ? await organisationsAt(em, countyCode, [OrganisationKind.CIVIL_AFFAIRS])
      : await jointMeetingOfficesFor(em, approvingCode);
  const about: Deadline = {
    itemKind: NotificationItemKind.BENEFIT_DECISION,
    itemId: benefitId,
    caseId: null,
    organisationId: offices[0],
    jurisdictionCode,
    dueDate: payload.dueDate,
  };
  await notify(em, event, about, overdue ? NotificationKind.ESCALATION : NotificationKind.REMINDER, [
    ...offices,
    ...above,
  ]);
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
  /** A monthly ledger is due within a working day and not submitted. */
  'ledger.reminder': (em, event) => ledgerNotice(em, event, false),
  /** A monthly ledger is overdue: the level above hears of it too. */
  'ledger.overdue': (em, event) => ledgerNotice(em, event, true),
  /** A benefit in payment is due for its periodic review. */
  'benefit.review.due': benefitReviewNotice,
  /** A proposed benefit is due for its decision within a working day. */
  'benefit.decision.reminder': (em, event) => benefitDecisionNotice(em, event, false),
  /** A proposed benefit is overdue for its decision: the level above hears of it too. */
  'benefit.decision.escalated': (em, event) => benefitDecisionNotice(em, event, true),
};
