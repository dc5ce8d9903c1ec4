import { shanghaiDate, type Job } from '@doudi/shared';
import { sweepBenefitReviews } from './benefit-review.js';

/** The job's name, the key of its one queued entry. */
export const BENEFIT_REVIEW_SWEEP_JOB = 'benefit-review-sweep';

/**
 * Hourly (临社救办发〔2015〕3号 二(一)(二) 动态管理): flags the benefits whose periodic review date has come, reminding the
 * hukou place's civil-affairs office (`benefit.review.due`), and ends those whose notice of ending closed without an
 * open or upheld objection.
 */
export const benefitReviewSweepJob = (everyMs = 60 * 60_000): Job => ({
  everyMs,
  run: (em, now) => sweepBenefitReviews(em, shanghaiDate(now)),
});
