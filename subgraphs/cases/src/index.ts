import { OutboxMessage, ProcessedEvent, type SubgraphDefinition } from '@doudi/shared';
import { Case } from './case/case.entity.js';
import { Referral } from './referral/referral.entity.js';
import { CaseTask } from './task/task.entity.js';
import { Visit } from './visit/visit.entity.js';
import { PublicNotice } from './notice/notice.entity.js';
import { FollowUp } from './follow-up/follow-up.entity.js';
import { EmergencyPayment } from './emergency/emergency-payment.entity.js';
import { CaseEvent } from './timeline/case-event.entity.js';
import { CaseRelief } from './relief/case-relief.entity.js';
import { DeadlineSetting, DeadlineSettingImport } from './deadline/deadline-setting.entity.js';
import { reliefEventHandlers } from './relief/relief.events.js';
import { createLoaders, type Loaders } from './context.js';
import { migrations } from './migrations/index.js';
import { buildSchema } from './schema.js';
import { setup, type Services } from './setup.js';
import { openDeadlines } from './deadline/deadline.open.js';
import { DEADLINE_SWEEP_JOB, deadlineSweepJob, reminderEntities } from './reminder/reminder.job.js';

export { openDeadlines, type OpenDeadline } from './deadline/deadline.open.js';

export const cases: SubgraphDefinition<Loaders> = {
  name: 'cases',
  // OutboxMessage: cases publishes the deadline sweep's events; listing it starts the delivery of its outbox.
  entities: [
    Case,
    Referral,
    CaseTask,
    Visit,
    PublicNotice,
    FollowUp,
    EmergencyPayment,
    CaseEvent,
    CaseRelief,
    DeadlineSetting,
    DeadlineSettingImport,
    OutboxMessage,
    ProcessedEvent,
    ...reminderEntities,
  ],
  migrations,
  buildSchema,
  createLoaders,
  setup,
  // Loaded only when demo data is asked for: the dynamic import keeps the demo data out of production's imports.
  seedDemo: async (em, logger) => (await import('./demo.js')).seedDemo(em, logger),
  eventHandlers: reliefEventHandlers,
  // Reminders when a step has one working day left, escalations when it is overdue (to the outbox).
  jobs: {
    [DEADLINE_SWEEP_JOB]: deadlineSweepJob(({ services }) => ({
      openDeadlines,
      nextWorkingDay: (jurisdictionCode, from) =>
        (services as Services).jobCalendar.nextWorkingDay(jurisdictionCode, from),
    })),
  },
};
