import type { MikroORM } from '@mikro-orm/postgresql';
import { jobPollMs, type SubgraphName } from '../config.js';
import type { Logger } from '../logger.js';
import type { Jobs } from './job.js';
import { createJobScheduler, type JobScheduler } from './scheduler.js';

type Env = Record<string, string | undefined>;

export interface JobsOfSubgraph {
  name: SubgraphName;
  jobs?: Jobs;
}

/**
 * The scheduler of a subgraph whose definition has jobs; none otherwise. `services` (what setup() made) and
 * `env` reach every run.
 */
export function setUpJobs(
  definition: JobsOfSubgraph,
  orm: MikroORM,
  env: Env,
  logger: Logger,
  services?: unknown,
): JobScheduler | undefined {
  if (!definition.jobs || !Object.keys(definition.jobs).length) return undefined;
  return createJobScheduler({
    orm,
    jobs: definition.jobs,
    logger: logger.child({ component: 'jobs' }),
    pollMs: jobPollMs(env),
    services,
    env,
  });
}
