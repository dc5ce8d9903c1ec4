import { shanghaiDate, type Job } from '@doudi/shared';
import { periodOf, scheduleRollFor } from './payment.schedule.js';

/** The job's name, the key of its one queued entry. */
export const PAYMENT_ROLL_JOB = 'payment-roll';

/**
 * Hourly (资金发放, 临社救办发〔2015〕3号 二(一)): every benefit in payment has its payment of the current month on the roll
 * within the hour the month starts. Idempotent: one payment per benefit and month (a unique index), so it may run as
 * often as wanted, on any replica.
 */
export const paymentRollJob = (everyMs = 60 * 60_000): Job => ({
  everyMs,
  run: async (em, now) => ({ scheduled: await scheduleRollFor(em, periodOf(shanghaiDate(now))) }),
});
