import type { Job, JobContext } from '@doudi/shared';
import { sweepDecisionDeadlines, type DecisionCalendar } from './benefit-decision-due.js';

/** The job's name, the key of its one queued entry. */
export const BENEFIT_DECISION_SWEEP_JOB = 'benefit-decision-sweep';

/**
 * Hourly (临社救办发〔2015〕3号 二(八): 缩短审批时限): proposals one working day from their decision due date remind the
 * approving office, overdue ones reach the level above (organisations/src/notification). `calendarOf` gives the
 * working-day calendar from what setup() made (context.services).
 */
export const benefitDecisionSweepJob = (
  calendarOf: (context: JobContext) => DecisionCalendar,
  everyMs = 60 * 60_000,
): Job => ({
  everyMs,
  run: (em, now, context) => sweepDecisionDeadlines(em, calendarOf(context), now),
});
