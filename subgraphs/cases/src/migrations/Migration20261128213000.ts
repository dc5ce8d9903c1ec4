import { Migration } from '@mikro-orm/migrations';

/** Incremental sync of cases and referrals (docs/sync.md): the (updated_at, id) order and updated_at kept moving. */
export class Migration20261128213000 extends Migration {
  override async up(): Promise<void> {
    // Any update that does not set updated_at itself (a set-based write that forgot it) moves it: a list item never
    // changes unseen by incremental sync. clock_timestamp() is at or after the transaction's start, which is what
    // the sync horizon counts on (docs/sync.md); it never moves back.
    this.addSql(`create or replace function "cases"."sync_touch_updated_at"() returns trigger language plpgsql as $$
      begin
        if new.updated_at is not distinct from old.updated_at then
          new.updated_at := greatest(clock_timestamp(), old.updated_at + interval '1 microsecond');
        end if;
        return new;
      end $$`);
    this.addSql(
      'create trigger "hardship_case_sync_touch" before update on "cases"."hardship_case" for each row execute function "cases"."sync_touch_updated_at"()',
    );
    this.addSql('create index "hardship_case_updated_at_id_index" on "cases"."hardship_case" ("updated_at", "id")');
    this.addSql(
      'create trigger "referral_sync_touch" before update on "cases"."referral" for each row execute function "cases"."sync_touch_updated_at"()',
    );
    this.addSql('create index "referral_updated_at_id_index" on "cases"."referral" ("updated_at", "id")');
  }

  override async down(): Promise<void> {
    this.addSql('drop trigger if exists "hardship_case_sync_touch" on "cases"."hardship_case"');
    this.addSql('drop index if exists "cases"."hardship_case_updated_at_id_index"');
    this.addSql('drop trigger if exists "referral_sync_touch" on "cases"."referral"');
    this.addSql('drop index if exists "cases"."referral_updated_at_id_index"');
    this.addSql('drop function if exists "cases"."sync_touch_updated_at"()');
  }
}
