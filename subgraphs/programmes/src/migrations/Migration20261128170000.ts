import { Migration } from '@mikro-orm/migrations';

/**
 * A screening run is claimed by the job (QUEUED → RUNNING, committed) and writes each batch of households in its own
 * short transaction: when it was claimed and its last sign of life, so that a run whose job died goes back to the
 * queue, and a run taken back meanwhile is not written by two jobs.
 */
export class Migration20261128170000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'alter table "programmes"."screening_run" add column "claimed_at" timestamptz null, add column "heartbeat_at" timestamptz null',
    );
    this.addSql(
      `create index "screening_run_running_index" on "programmes"."screening_run" ("heartbeat_at") where "status" = 'RUNNING'`,
    );
  }
}
