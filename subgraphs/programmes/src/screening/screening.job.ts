import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { shanghaiDate, type DeliveredEvent, type Job, type JobContext } from '@doudi/shared';
import {
  countyOf,
  queueScreening,
  runQueuedScreenings,
  SCREENING_JOB_EVERY_MS,
  wakeScreeningJob,
} from './screening.service.js';
import { ScreeningRunStatus, ScreeningTrigger } from './screening.enums.js';
import { ScreeningRun } from './screening.entities.js';

/** The households one run screens at most (the feed takes 50,000 ids). */
const MAX_IDS_A_RUN = 50_000;
import type { ScreeningDeps } from './screening.run.js';

/** The screening job: scheduled runs when due, then every queued run (on demand, after a push, after a publication). */
export function screeningJob(depsOf: (context: JobContext) => ScreeningDeps, everyMs = SCREENING_JOB_EVERY_MS): Job {
  return {
    everyMs,
    // No county-long transaction: the run claims itself, reads the feed outside any, and commits batch by batch.
    ownTransactions: true,
    run: (em, now, context) => runQueuedScreenings(em, { logger: context.logger, ...depsOf(context) }, now),
  };
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
    // A push arrives as one event per 1,000 households: they join a run of the same county still waiting, so a
    // push of 50,000 rows is one screening, not fifty.
    const waiting = await em.findOne(
      ScreeningRun,
      { jurisdictionCode: county, trigger: ScreeningTrigger.DATA_PUSH, status: ScreeningRunStatus.QUEUED },
      // Only a run still QUEUED: one the job has claimed is RUNNING and reads its ids no more, and one it is claiming
      // at this instant is locked and skipped — the households then get a run of their own.
      { orderBy: { queuedAt: 'desc' }, lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE },
    );
    let rest = ids;
    if (waiting?.householdIds && waiting.screenedOn === shanghaiDate()) {
      const merged = [...new Set([...waiting.householdIds, ...ids])];
      waiting.householdIds = merged.slice(0, MAX_IDS_A_RUN);
      rest = merged.slice(MAX_IDS_A_RUN);
    }
    for (let i = 0; i < rest.length; i += MAX_IDS_A_RUN) {
      queueScreening(em, {
        jurisdictionCode: county,
        trigger: ScreeningTrigger.DATA_PUSH,
        householdIds: rest.slice(i, i + MAX_IDS_A_RUN),
      });
    }
  }
  await em.flush();
  await wakeScreeningJob(em);
}
