import { DriverException, LockMode, type EntityManager } from '@mikro-orm/postgresql';
import {
  assertDate,
  assertJurisdictionCode,
  assertVersion,
  badInput,
  createOnce,
  listScope,
  pageWindow,
  previousCreate,
  requirePermission,
  shanghaiDate,
  toConnection,
  type PageArgs,
  type Principal,
} from '@doudi/shared';
import { ScreeningRun, ScreeningSchedule } from './screening.entities.js';
import { ScreeningFrequency, ScreeningRunStatus, ScreeningTrigger } from './screening.enums.js';
import { nextRunAfter } from './screening.schedule.js';
import {
  claimScreeningRun,
  executeScreening,
  SCREENING_STALE_AFTER_MS,
  ScreeningClaimLost,
  type ScreeningDeps,
} from './screening.run.js';

/** The job that runs queued and scheduled screenings (SubgraphDefinition.jobs), and how often it looks. */
export const SCREENING_JOB = 'screening';
export const SCREENING_JOB_EVERY_MS = 60_000;
/** Screenings run by one turn of the job at most; the rest wait for the next turn. */
const RUNS_PER_TURN = 20;

/** Queues a screening of a subtree (or of some households of it); the job runs it (runQueuedScreenings). */
export function queueScreening(
  em: EntityManager,
  values: {
    jurisdictionCode: string;
    trigger: ScreeningTrigger;
    screenedOn?: string;
    householdIds?: string[] | null;
    requestedBy?: string | null;
  },
): ScreeningRun {
  const run = Object.assign(new ScreeningRun(), {
    jurisdictionCode: values.jurisdictionCode,
    trigger: values.trigger,
    screenedOn: values.screenedOn ?? shanghaiDate(),
    householdIds: values.householdIds ?? null,
    requestedBy: values.requestedBy ?? null,
  });
  em.persist(run);
  return run;
}

/**
 * Asks the job to run now rather than at its next turn (after the caller's commit): its queued entry is moved to
 * now. Without a queue (not installed yet) the next turn runs it anyway.
 */
export async function wakeScreeningJob(em: EntityManager): Promise<void> {
  const schema = `"${String(em.config.get('schema')).replace(/"/g, '""')}"`;
  const inTransaction = em.isInTransaction();
  // Inside a transaction a failed statement would abort it: the wake-up gets its own savepoint.
  if (inTransaction) await em.execute('savepoint wake_screening');
  try {
    await em.execute(`select ${schema}.add_job(?, '{}'::json, job_key => ?, max_attempts => 32767)`, [
      `job:${SCREENING_JOB}`,
      `job:${SCREENING_JOB}`,
    ]);
    if (inTransaction) await em.execute('release savepoint wake_screening');
  } catch {
    if (inTransaction) await em.execute('rollback to savepoint wake_screening');
  }
}

/**
 * A failed run's message, kept on the run for the county to read: the feed's or the rule's own words, but never a
 * statement or a value from the database (its error goes to the log).
 */
export function screeningFailure(error: unknown): string {
  if (error instanceof ScreeningClaimLost) return error.message;
  const e = error as { code?: unknown; sqlState?: unknown };
  const state = typeof e?.sqlState === 'string' ? e.sqlState : typeof e?.code === 'string' ? e.code : '';
  if (error instanceof DriverException || /^[0-9A-Z]{5}$/.test(state))
    return `the database refused the screening's writes (SQLSTATE ${state || 'unknown'}); the batches committed before stand, a new run screens the rest`;
  return (error instanceof Error ? error.message : String(error)).slice(0, 2000);
}

/**
 * One turn of the screening job, with no transaction held across it (Job.ownTransactions): queues the runs whose
 * schedule is due and puts back in the queue the runs whose job stopped answering (no heartbeat for
 * SCREENING_STALE_AFTER_MS), then claims the queued ones one at a time, oldest first (QUEUED → RUNNING, committed) and
 * runs each (executeScreening: the feed read outside any transaction, each batch written in its own). One that
 * fails is recorded FAILED and the others still run.
 */
export async function runQueuedScreenings(em: EntityManager, deps: ScreeningDeps, now: Date = new Date()) {
  await em.transactional(async (tx) => {
    const due = await tx.find(
      ScreeningSchedule,
      { nextRunAt: { $lte: now } },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    for (const schedule of due) {
      queueScreening(tx, {
        jurisdictionCode: schedule.jurisdictionCode,
        trigger: ScreeningTrigger.SCHEDULE,
        screenedOn: shanghaiDate(now),
      });
      schedule.nextRunAt = nextRunAfter(schedule, now);
    }
    await tx.flush();
    await tx.execute(
      `update screening_run set status = ?, claimed_at = null
        where status = ? and heartbeat_at < clock_timestamp() - ? * interval '1 millisecond'`,
      [ScreeningRunStatus.QUEUED, ScreeningRunStatus.RUNNING, SCREENING_STALE_AFTER_MS],
    );
  });
  const done: ScreeningRun[] = [];
  for (let taken = 0; taken < RUNS_PER_TURN; taken++) {
    const run = await claimScreeningRun(em);
    if (!run) break;
    try {
      done.push(await executeScreening(em, run, deps));
    } catch (error) {
      deps.logger?.error({ err: error, runId: run.id }, 'screening run failed');
      const message = screeningFailure(error);
      // Only while the claim holds: a run queued again meanwhile belongs to the next job.
      await em.execute(
        `update screening_run set status = ?, error = ?, finished_at = clock_timestamp()
          where id = ? and status = ? and claimed_at = ?`,
        [ScreeningRunStatus.FAILED, message, run.id, ScreeningRunStatus.RUNNING, run.claimedAt],
      );
      Object.assign(run, { status: ScreeningRunStatus.FAILED, error: message });
      done.push(run);
    }
  }
  return done;
}

/** runScreening: queued for the job, which starts at once. programmes:write in the jurisdiction. */
export async function requestScreening(
  em: EntityManager,
  principal: Principal,
  input: { jurisdictionCode: string; on?: string | null; idempotencyKey?: string | null },
): Promise<ScreeningRun> {
  const code = assertJurisdictionCode('input.jurisdictionCode', input.jurisdictionCode);
  requirePermission(principal, 'programmes:write', code);
  const on = input.on ? assertDate('input.on', input.on) : shanghaiDate();
  // The key, not the day a retry comes, identifies the request: a retry without `on` tomorrow is the same run.
  const sent = { jurisdictionCode: code, on: input.on ?? null };
  const previous = await previousCreate(em, 'runScreening', input.idempotencyKey, sent);
  if (previous) return em.findOneOrFail(ScreeningRun, { id: previous });
  const run = await createOnce(
    em,
    'runScreening',
    input.idempotencyKey,
    sent,
    async (tx) =>
      queueScreening(tx, {
        jurisdictionCode: code,
        trigger: ScreeningTrigger.ON_DEMAND,
        screenedOn: on,
        requestedBy: principal.id,
      }),
    (fresh, id) => fresh.findOneOrFail(ScreeningRun, { id }),
  );
  await wakeScreeningJob(em);
  return run;
}

export async function listScreeningRuns(
  em: EntityManager,
  principal: Principal,
  jurisdictionCode: string | null | undefined,
  page: PageArgs,
) {
  const prefix = listScope(principal, 'programmes:read', jurisdictionCode);
  const window = pageWindow(page);
  if (prefix === null) return toConnection([], 0, window);
  const where = prefix ? { jurisdictionCode: { $like: `${prefix}%` } } : {};
  const [nodes, total] = await em.findAndCount(ScreeningRun, where, {
    orderBy: { queuedAt: 'desc', id: 'desc' },
    offset: window.offset,
    limit: window.limit,
  });
  return toConnection(nodes, total, window);
}

export interface ScheduleValues {
  jurisdictionCode: string;
  frequency: ScreeningFrequency;
  hour: number;
  weekday?: number | null;
  dayOfMonth?: number | null;
  warningMarginPercent?: number | null;
  version?: number | null;
}

/** setScreeningSchedule: the county chooses when its households are screened, and its early-warning margin. */
export async function setScreeningSchedule(
  em: EntityManager,
  principal: Principal,
  input: ScheduleValues,
  now: Date = new Date(),
): Promise<ScreeningSchedule> {
  const code = assertJurisdictionCode('input.jurisdictionCode', input.jurisdictionCode);
  requirePermission(principal, 'programmes:write', code);
  if (!Number.isInteger(input.hour) || input.hour < 0 || input.hour > 23)
    throw badInput('input.hour', 'hour must be 0 to 23 (Beijing time)');
  const weekly = input.frequency === ScreeningFrequency.WEEKLY;
  const monthly = input.frequency === ScreeningFrequency.MONTHLY;
  const weekday = input.weekday ?? null;
  const dayOfMonth = input.dayOfMonth ?? null;
  if (weekly !== (weekday !== null) || (weekday !== null && (!Number.isInteger(weekday) || weekday < 1 || weekday > 7)))
    throw badInput('input.weekday', 'a WEEKLY schedule needs weekday 1 (Monday) to 7, and only it');
  if (
    monthly !== (dayOfMonth !== null) ||
    (dayOfMonth !== null && (!Number.isInteger(dayOfMonth) || dayOfMonth < 1 || dayOfMonth > 28))
  )
    throw badInput('input.dayOfMonth', 'a MONTHLY schedule needs dayOfMonth 1 to 28, and only it');
  const margin = input.warningMarginPercent ?? null;
  if (margin !== null && (!Number.isInteger(margin) || margin < 1 || margin > 200))
    throw badInput('input.warningMarginPercent', 'warningMarginPercent must be 1 to 200 (percent of the dibao line)');
  return em.transactional(async (tx) => {
    let schedule = await tx.findOne(ScreeningSchedule, { jurisdictionCode: code });
    if (schedule) assertVersion(schedule, input.version, 'Screening schedule');
    else schedule = Object.assign(new ScreeningSchedule(), { jurisdictionCode: code });
    Object.assign(schedule, {
      frequency: input.frequency,
      hour: input.hour,
      weekday,
      dayOfMonth,
      warningMarginPercent: margin,
    });
    schedule.nextRunAt = nextRunAfter(schedule, now);
    tx.persist(schedule);
    await tx.flush();
    return schedule;
  });
}

export async function screeningScheduleOf(em: EntityManager, principal: Principal, jurisdictionCode: string) {
  const code = assertJurisdictionCode('jurisdictionCode', jurisdictionCode);
  requirePermission(principal, 'programmes:read', code);
  return em.findOne(ScreeningSchedule, { jurisdictionCode: code });
}

/** The county of a code (its first six digits): where a push's households are screened. */
export const countyOf = (code: string) => code.slice(0, 6).padEnd(12, '0');
