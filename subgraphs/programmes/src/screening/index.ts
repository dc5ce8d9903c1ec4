import { aggregate } from '@doudi/shared';
import { screeningEntities } from './screening.entities.js';
import { createScreeningLoaders } from './screening.loaders.js';
import { EarlyWarningResolver, ScreeningResolver } from './screening.resolver.js';

/**
 * The screening of every household (临社救办发〔2015〕3号 二(一) 应保尽保; 河鱼府发【2021】39号 一, 二): runs, schedules, leads,
 * review flags and the early-warning list.
 */
export const screening = aggregate({
  entities: screeningEntities,
  resolvers: [ScreeningResolver, EarlyWarningResolver],
  loaders: createScreeningLoaders,
});

export { SCREENING_JOB, queueScreening, runQueuedScreenings, wakeScreeningJob } from './screening.service.js';
export { screeningJob, onHouseholdFactsChanged } from './screening.job.js';
export { householdFactsFeed, type HouseholdFactsFeed } from './household-facts.feed.js';
export { claimScreeningRun, executeScreening, type ScreeningDeps } from './screening.run.js';
export { ScreeningTrigger } from './screening.enums.js';
