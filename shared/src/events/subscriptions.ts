import type { SubgraphName } from '../config.js';

/**
 * Who receives which event: a static map, so every replica of every subgraph agrees without asking anyone.
 * To subscribe a subgraph, add its name here, give it an `eventHandlers` entry for the type (SubgraphDefinition)
 * and the ProcessedEvent entity; producers then write one outbox row per subscriber.
 */
export const EVENT_SUBSCRIBERS = {
  /** programmes → cases: the relief granted for a case shows on the case (cases/src/relief). */
  'benefit.approved': ['cases'],
  'benefit.activated': ['cases'],
  'benefit.ended': ['cases'],
  'benefit.rejected': ['cases'],
  /**
   * programmes → organisations: the same decisions (approved, rejected, activated, ended), told by webhook to the apps
   * of the organisations whose staff or apps proposed and decided the benefit (issue 19; programmes/src/benefit/
   * benefit.announce.ts, organisations/src/webhook). Payload `{ benefitId, programmeId, programmeKind, caseId,
   * referralId, householdId, jurisdictionCode, status, decision, proposedById, decidedById }`: ids and codes only.
   */
  'benefit.decided': ['organisations'],
  /**
   * cases → organisations: a step of a case is at risk (one working day or less left) or overdue; the
   * organisation that must act is told, and for an overdue step also the joint-meeting office above it
   * (cases/src/reminder, organisations/src/notification).
   */
  'case.deadline.reminder': ['organisations'],
  'case.deadline.escalated': ['organisations'],
  /**
   * cases → organisations: a monthly ledger (河鱼府发【2021】39号 二(四)) is due within a working day, or overdue and not
   * submitted; the office, or the township's civil-affairs office, is told, and an overdue one reaches the level
   * it reports to (cases/src/ledger, organisations/src/notification).
   */
  'ledger.reminder': ['organisations'],
  'ledger.overdue': ['organisations'],
  /**
   * programmes → organisations: a benefit in payment reached its periodic review date (临社救办发〔2015〕3号 二(一)(二):
   * 动态管理) and was flagged; the township's civil-affairs office of the hukou place is reminded
   * (programmes/src/benefit/benefit-review.ts, organisations/src/notification).
   */
  'benefit.review.due': ['organisations'],
  /**
   * programmes → organisations: a proposed benefit has one working day or less left before its decision due date
   * (临社救办发〔2015〕3号 二(八): 缩短审批时限), or is overdue; the approving level's civil-affairs office is reminded, and
   * once overdue the level above it too (programmes/src/benefit/benefit-decision-due.ts, organisations/src/notification).
   * Payload `{ benefitId, programmeId, jurisdictionCode, approvalLevel, dueDate, level }`.
   */
  'benefit.decision.reminder': ['organisations'],
  'benefit.decision.escalated': ['organisations'],
  /**
   * programmes → cases: the screening of every household (临社救办发〔2015〕3号 二(一) 应保尽保; 河鱼府发【2021】39号 二(四))
   * found a household newly qualifying: cases opens one data-comparison lead per situationKey, assigned to the
   * residence township's office (payload: ScreeningLeadFound in events/screening.ts; programmes/src/screening).
   */
  'screening.lead.found': ['cases'],
  /**
   * households → programmes: a department's push (河鱼府发【2021】39号 二(四); households/src/push) changed the facts of
   * these households, so programmes screens them again. Payload `{ householdIds: string[] (at most 1,000 an event);
   * jurisdictionCodes: string[] (their hukou and residence places); source: string (the pushing organisation's id);
   * asOf: string (the date of the data, YYYY-MM-DD) }`.
   */
  'household.facts.changed': ['programmes'],
  /**
   * cases → organisations: a referral's steps, told by webhook to the apps of its sender and receiver (issue 19;
   * cases/src/referral/referral.published.ts, organisations/src/webhook). Payload: ids, statuses, dates and codes only
   * — `{ referralId, caseId, fromOrganisationId, toOrganisationId, kind, previousStatus, status, emergency, sentOn,
   * dueDate }`, plus `answeredOn, measuresCount, refused, benefitIds` (answered, 襄政办发〔2023〕26号 七(五)), `declinedOn,
   * declineReason` (declined, 晋检发办字〔2023〕10号 第六条), `forwardedOn, forwardedToReferralId, forwardedToOrganisationId`
   * (forwarded, 襄政办发〔2023〕26号 七(四)); never a note, a measure's text or anything about a person.
   */
  'referral.sent': ['organisations'],
  'referral.answered': ['organisations'],
  'referral.declined': ['organisations'],
  'referral.forwarded': ['organisations'],
  /**
   * cases → organisations: a case moved to another stage, told by webhook to the apps of its lead organisation and
   * assigned office. Payload `{ caseId, jurisdictionCode, leadOrganisationId, officeOrganisationId, previousStage,
   * stage, status, changedOn }`.
   */
  'case.stage.changed': ['organisations'],
} as const satisfies Record<string, readonly SubgraphName[]>;

export type EventType = keyof typeof EVENT_SUBSCRIBERS;

/** The subgraphs subscribed to at least one event: every producer needs their addresses. */
export const EVENT_CONSUMERS: SubgraphName[] = [...new Set(Object.values(EVENT_SUBSCRIBERS).flat())];
