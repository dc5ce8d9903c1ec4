import { Migration } from '@mikro-orm/migrations';

/** Incremental sync of an organisation's notifications (docs/sync.md): updated_at, kept moving, and its order. */
export class Migration20261128213300 extends Migration {
  override async up(): Promise<void> {
    // Until now a notification changed only when marked read: that, or its creation, is its last change.
    this.addSql('alter table "organisations"."notification" add column "updated_at" timestamptz null');
    this.addSql('update "organisations"."notification" set "updated_at" = coalesce("read_at", "created_at")');
    this.addSql('alter table "organisations"."notification" alter column "updated_at" set not null');
    // Any update that does not set updated_at itself (a set-based write that forgot it) moves it: a list item never
    // changes unseen by incremental sync. clock_timestamp() is at or after the transaction's start, which is what
    // the sync horizon counts on (docs/sync.md); it never moves back.
    this
      .addSql(`create or replace function "organisations"."sync_touch_updated_at"() returns trigger language plpgsql as $$
      begin
        if new.updated_at is not distinct from old.updated_at then
          new.updated_at := greatest(clock_timestamp(), old.updated_at + interval '1 microsecond');
        end if;
        return new;
      end $$`);
    this.addSql(
      'create trigger "notification_sync_touch" before update on "organisations"."notification" for each row execute function "organisations"."sync_touch_updated_at"()',
    );
    this.addSql(
      'create index "notification_organisation_id_updated_at_id_index" on "organisations"."notification" ("organisation_id", "updated_at", "id")',
    );
  }

  override async down(): Promise<void> {
    this.addSql('drop trigger if exists "notification_sync_touch" on "organisations"."notification"');
    this.addSql('drop index if exists "organisations"."notification_organisation_id_updated_at_id_index"');
    this.addSql('drop function if exists "organisations"."sync_touch_updated_at"()');
    this.addSql('alter table "organisations"."notification" drop column "updated_at"');
  }
}
