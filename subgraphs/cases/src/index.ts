import { entitiesOf, loadersOf, OutboxMessage, ProcessedEvent, type SubgraphDefinition } from '@doudi/shared';
import { aggregates } from './aggregates.js';
import type { Loaders } from './context.js';
import { openDeadlines } from './deadline/index.js';
import { migrations } from './migrations/index.js';
import { reliefEventHandlers } from './relief/index.js';
import { DEADLINE_SWEEP_JOB, deadlineSweepJob } from './reminder/index.js';
import { LEDGER_SWEEP_JOB, ledgerSweepJob } from './ledger/index.js';
import { discoveryEventHandlers, LEAD_INTAKE_JOB, leadIntakeJob } from './discovery/index.js';
import { documentRoutes } from './document/index.js';
import { buildSchema } from './schema.js';
import { setup, type Services } from './setup.js';

export { openDeadlines, type OpenDeadline } from './deadline/index.js';

export const cases: SubgraphDefinition<Loaders> = {
  name: 'cases',
  // OutboxMessage: cases publishes the deadline sweep's events; listing it starts the delivery of its outbox.
  entities: [...entitiesOf(aggregates), OutboxMessage, ProcessedEvent],
  migrations,
  buildSchema,
  createLoaders: loadersOf(aggregates),
  // The services, and the route the gateway's document download asks (document/document.route.ts).
  setup: async (orm, env) => {
    const { services } = await setup(orm, env);
    return { services, routes: await documentRoutes({ orm, env, services, createLoaders: loadersOf(aggregates) }) };
  },
  // Loaded only when demo data is asked for: the dynamic import keeps the demo data out of production's imports.
  seedDemo: async (em, logger) => (await import('./demo.js')).seedDemo(em, logger),
  eventHandlers: { ...reliefEventHandlers, ...discoveryEventHandlers },
  // Reminders when a step or a ledger has one working day left, escalations when it is overdue (to the outbox).
  jobs: {
    [DEADLINE_SWEEP_JOB]: deadlineSweepJob(({ services }) => ({
      openDeadlines,
      nextWorkingDay: (jurisdictionCode, from) =>
        (services as Services).jobCalendar.nextWorkingDay(jurisdictionCode, from),
    })),
    // Monthly ledgers (河鱼府发【2021】39号 二(四)) due within a working day or overdue and not submitted.
    [LEDGER_SWEEP_JOB]: ledgerSweepJob(({ services }) => ({
      nextWorkingDay: (jurisdictionCode, from) =>
        (services as Services).jobCalendar.nextWorkingDay(jurisdictionCode, from),
    })),
    // Screening leads (screening.lead.found) become DATA_COMPARISON cases at the residence township (河鱼府发【2021】39号 二).
    [LEAD_INTAKE_JOB]: leadIntakeJob(({ services }) => (services as Services).leadReceivers),
  },
};
