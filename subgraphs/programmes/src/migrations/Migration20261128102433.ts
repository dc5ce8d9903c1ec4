import { Migration } from '@mikro-orm/migrations';

export class Migration20261128102433 extends Migration {
  // Deliveries move to the job queue, which keeps their attempts, errors and next attempt
  // (shared/src/jobs/queue.ts).
  override async up(): Promise<void> {
    this.addSql('drop index "programmes"."outbox_message_delivered_at_next_attempt_at_index"');
    this.addSql(
      'alter table "programmes"."outbox_message" drop column "attempts", drop column "next_attempt_at", drop column "last_error"',
    );
  }
}
