import { Migration } from '@mikro-orm/migrations';

/** Incremental sync of benefits (docs/sync.md): the (updated_at, id) order and updated_at kept moving. */
export class Migration20261128213100 extends Migration {
  override async up(): Promise<void> {
    // Any update that does not set updated_at itself (a set-based write that forgot it) moves it: a list item never
    // changes unseen by incremental sync. clock_timestamp() is at or after the transaction's start, which is what
    // the sync horizon counts on (docs/sync.md); it never moves back.
    this
      .addSql(`create or replace function "programmes"."sync_touch_updated_at"() returns trigger language plpgsql as $$
      begin
        if new.updated_at is not distinct from old.updated_at then
          new.updated_at := greatest(clock_timestamp(), old.updated_at + interval '1 microsecond');
        end if;
        return new;
      end $$`);
    this.addSql(
      'create trigger "benefit_sync_touch" before update on "programmes"."benefit" for each row execute function "programmes"."sync_touch_updated_at"()',
    );
    this.addSql('create index "benefit_updated_at_id_index" on "programmes"."benefit" ("updated_at", "id")');
  }

  override async down(): Promise<void> {
    this.addSql('drop trigger if exists "benefit_sync_touch" on "programmes"."benefit"');
    this.addSql('drop index if exists "programmes"."benefit_updated_at_id_index"');
    this.addSql('drop function if exists "programmes"."sync_touch_updated_at"()');
  }
}
