import { aggregate } from '@doudi/shared';
import { reminderEntities } from './reminder.job.js';

/** Reminders and escalations of steps near or past their time limit (the sweep job is in ../index.ts). */
export const reminder = aggregate({ entities: reminderEntities });

export { DEADLINE_SWEEP_JOB, deadlineSweepJob } from './reminder.job.js';
