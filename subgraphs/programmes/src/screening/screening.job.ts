import type { EntityManager } from '@mikro-orm/postgresql';
import type { DeliveredEvent, Job, JobContext } from '@doudi/shared';
import {
  countyOf,
  queueScreening,
  runQueuedScreenings,
  SCREENING_JOB_EVERY_MS,
  wakeScreeningJob,
} from './screening.service.js';
import { ScreeningTrigger } from './screening.enums.js';
import type { ScreeningDeps } from './screening.run.js';

/** The screening job: scheduled runs when due, then every queued run (on demand, after a push, after a publication). */
export function screeningJob(depsOf: (context: JobContext) => ScreeningDeps, everyMs = SCREENING_JOB_EVERY_MS): Job {
  return { everyMs, run: (em, now, context) => runQueuedScreenings(em, depsOf(context), now) };
}

/** What households publishes after a push (`household.facts.changed`). */
export interface HouseholdFactsChanged {
  householdIds: string[];
  jurisdictionCodes: string[];
  source?: string;
  asOf?: string;
}

/**
 * After a department's push (河鱼府发【2021】39号 二(四)): the households it changed are screened, in each county they
 * belong to, by the job (the handler only queues, in the transaction that records the event).
 */
export async function onHouseholdFactsChanged(em: EntityManager, event: DeliveredEvent) {
  const payload = event.payload as unknown as HouseholdFactsChanged;
  const ids = Array.isArray(payload.householdIds) ? payload.householdIds.filter((id) => typeof id === 'string') : [];
  const counties = [...new Set((payload.jurisdictionCodes ?? []).filter((c) => /^\d{12}$/.test(c)).map(countyOf))];
  if (!ids.length || !counties.length) return;
  for (const county of counties) {
    for (let i = 0; i < ids.length; i += 50_000) {
      queueScreening(em, {
        jurisdictionCode: county,
        trigger: ScreeningTrigger.DATA_PUSH,
        householdIds: ids.slice(i, i + 50_000),
      });
    }
  }
  await em.flush();
  await wakeScreeningJob(em);
}
