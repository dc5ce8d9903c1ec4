import { Migration } from '@mikro-orm/migrations';

export class Migration20261128102450 extends Migration {
  // Deliveries and scheduled jobs move to the job queue, which keeps their attempts, errors and next runs
  // (shared/src/jobs/queue.ts).
  override async up(): Promise<void> {
    this.addSql('drop table if exists "cases"."scheduled_job" cascade');
    this.addSql('drop index "cases"."outbox_message_delivered_at_next_attempt_at_index"');
    this.addSql(
      'alter table "cases"."outbox_message" drop column "attempts", drop column "next_attempt_at", drop column "last_error"',
    );
  }
}
