import { entitiesOf, loadersOf, OutboxMessage, ProcessedEvent, type SubgraphDefinition } from '@doudi/shared';
import { aggregates } from './aggregates.js';
import {
  BENEFIT_DECISION_SWEEP_JOB,
  BENEFIT_REVIEW_SWEEP_JOB,
  benefitDecisionSweepJob,
  benefitReviewSweepJob,
} from './benefit/index.js';
import type { Loaders, Services } from './context.js';
import { onHouseholdFactsChanged, SCREENING_JOB, screeningJob } from './screening/index.js';
import { migrations } from './migrations/index.js';
import { PAYMENT_ROLL_JOB, paymentRollJob } from './payment/index.js';
import { buildSchema } from './schema.js';
import { setup } from './setup.js';

export const programmes: SubgraphDefinition<Loaders> = {
  name: 'programmes',
  // ProcessedEvent: programmes hears of data pushes (household.facts.changed) to screen the households they changed.
  entities: [...entitiesOf(aggregates), OutboxMessage, ProcessedEvent],
  migrations,
  buildSchema,
  createLoaders: loadersOf(aggregates),
  setup,
  // Loaded only when demo data is asked for: the dynamic import keeps the demo data out of production's imports.
  seedDemo: async (em, logger) => (await import('./demo.js')).seedDemo(em, logger),
  // 临社救办发〔2015〕3号 二(一)(二) 动态管理: periodic reviews fall due and endings under notice close (benefit/benefit-review.job.ts).
  jobs: {
    [BENEFIT_REVIEW_SWEEP_JOB]: benefitReviewSweepJob(),
    // Screenings (screening/): on the county's schedule, on demand, after a push or a publication.
    [SCREENING_JOB]: screeningJob(({ services }) => ({ feed: (services as Services).householdFacts })),
    // 资金发放 (临社救办发〔2015〕3号 二(一)): each month's payments of the benefits in payment (payment/payment.job.ts).
    [PAYMENT_ROLL_JOB]: paymentRollJob(),
    // 临社救办发〔2015〕3号 二(八): proposals near or past their decision due date remind and escalate (benefit/benefit-decision-due.ts).
    [BENEFIT_DECISION_SWEEP_JOB]: benefitDecisionSweepJob(({ services }) => (services as Services).calendar),
  },
  eventHandlers: { 'household.facts.changed': onHouseholdFactsChanged },
};
