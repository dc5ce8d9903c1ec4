import { Entity, PrimaryKey, Property } from '@mikro-orm/postgresql';

/**
 * One scheduled job of a subgraph, in the subgraph's own schema: when it is next due, who holds it while it
 * runs, and how its last run went. Every replica reads and claims the same row (scheduler.ts), so a job runs
 * once per period however many replicas there are.
 */
@Entity({ tableName: 'scheduled_job' })
export class ScheduledJob {
  /** The key of the job in the subgraph's `jobs`, e.g. 'deadline-sweep'. */
  @PrimaryKey({ type: 'text' })
  name: string;

  @Property({ type: 'datetime' })
  nextRunAt: Date = new Date();

  /** While a replica runs the job: when its claim lapses (a replica that died mid-run frees it then). */
  @Property({ type: 'datetime', nullable: true })
  lockedUntil: Date | null = null;

  /** The claim's own token: only the run that took the job may release it. */
  @Property({ type: 'uuid', nullable: true })
  lockedBy: string | null = null;

  /** When the last run started. */
  @Property({ type: 'datetime', nullable: true })
  lastRunAt: Date | null = null;

  /** Why the last run failed; null when it succeeded. */
  @Property({ type: 'text', nullable: true })
  lastError: string | null = null;

  /** Runs finished so far, failed ones included. */
  @Property({ type: 'integer' })
  runs: number = 0;
}
