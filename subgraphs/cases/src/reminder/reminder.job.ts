import type { Job, JobContext } from '@doudi/shared';
import { DeadlineNotice } from './deadline-notice.entity.js';
import { sweepDeadlines, type DeadlineSweepDeps } from './reminder.service.js';

/** The job's name, the job key of its one queued entry. */
export const DEADLINE_SWEEP_JOB = 'deadline-sweep';

/** Hourly: a step that falls at risk or overdue at midnight (Asia/Shanghai) hears of it within the hour. */
export const DEADLINE_SWEEP_EVERY_MS = 60 * 60_000;

/**
 * The deadline sweep as a scheduled job. `depsOf` builds the sweep's dependencies for each run from what the
 * subgraph's setup() made (context.services) and its environment: the run has no request, so no caller's
 * principal to ask another subgraph with.
 */
export function deadlineSweepJob(
  depsOf: (context: JobContext) => DeadlineSweepDeps,
  everyMs: number = DEADLINE_SWEEP_EVERY_MS,
): Job {
  return { everyMs, run: (em, now, context) => sweepDeadlines(em, depsOf(context), now) };
}

/** The entities of this folder, for the subgraph's entity list (OutboxMessage comes from shared). */
export const reminderEntities = [DeadlineNotice];
