import { Migration } from '@mikro-orm/migrations';

/**
 * Incremental sync of Organisation.inbox (docs/sync.md): tasks and follow-ups get updated_at, kept moving by the
 * trigger of Migration20261128213000, and an (organisation_id, updated_at, id) index each.
 */
export class Migration20261128220000 extends Migration {
  override async up(): Promise<void> {
    for (const table of ['case_task', 'follow_up']) {
      this.addSql(`alter table "cases"."${table}" add column "updated_at" timestamptz null`);
      this.addSql(
        `create index "${table}_organisation_id_updated_at_id_index" on "cases"."${table}" ("organisation_id", "updated_at", "id")`,
      );
      this.addSql(
        `create trigger "${table}_sync_touch" before update on "cases"."${table}" for each row execute function "cases"."sync_touch_updated_at"()`,
      );
    }
    // An open one last changed when it was made; one done, cancelled or visited changed at some time since, so it
    // reads as changed now: an app's first sync of its inbox sees it once.
    this.addSql(
      `update "cases"."case_task" set "updated_at" = case when "status" = 'OPEN' then "created_at" else now() end`,
    );
    this.addSql(
      `update "cases"."follow_up" set "updated_at" = case when "visited_on" is null then "created_at" else now() end`,
    );
    for (const table of ['case_task', 'follow_up']) {
      this.addSql(`alter table "cases"."${table}" alter column "updated_at" set not null`);
    }
  }

  override async down(): Promise<void> {
    for (const table of ['case_task', 'follow_up']) {
      this.addSql(`drop trigger if exists "${table}_sync_touch" on "cases"."${table}"`);
      this.addSql(`drop index if exists "cases"."${table}_organisation_id_updated_at_id_index"`);
      this.addSql(`alter table "cases"."${table}" drop column "updated_at"`);
    }
  }
}
