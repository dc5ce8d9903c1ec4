import { Migration } from '@mikro-orm/migrations';

/** Incremental sync of households (docs/sync.md): the (updated_at, id) order and updated_at kept moving. */
export class Migration20261128213200 extends Migration {
  override async up(): Promise<void> {
    // Any update that does not set updated_at itself (a set-based write that forgot it) moves it: a list item never
    // changes unseen by incremental sync. clock_timestamp() is at or after the transaction's start, which is what
    // the sync horizon counts on (docs/sync.md); it never moves back.
    this
      .addSql(`create or replace function "households"."sync_touch_updated_at"() returns trigger language plpgsql as $$
      begin
        if new.updated_at is not distinct from old.updated_at then
          new.updated_at := greatest(clock_timestamp(), old.updated_at + interval '1 microsecond');
        end if;
        return new;
      end $$`);
    this.addSql(
      'create trigger "household_sync_touch" before update on "households"."household" for each row execute function "households"."sync_touch_updated_at"()',
    );
    this.addSql('create index "household_updated_at_id_index" on "households"."household" ("updated_at", "id")');
    // What a household shows includes its members, incomes, assets, consents and obligors: a change to any of them,
    // by hand, import or data push, moves the household's updated_at — once per statement, not per row. A household
    // already stamped at or after this transaction's start (a new one of an import, one the same write changed) is
    // left as it is: it already reads as changed by this transaction (docs/sync.md).
    this.addSql(`create or replace function "households"."sync_touch_household"() returns trigger language plpgsql as $$
      begin
        update "households"."household" h
           set updated_at = greatest(clock_timestamp(), h.updated_at + interval '1 microsecond')
         where h.id in (select c.household_id from changed_rows c) and h.updated_at < now();
        return null;
      end $$`);
    this.addSql(
      'create trigger "person_sync_touch_household_insert" after insert on "households"."person" referencing new table as changed_rows for each statement execute function "households"."sync_touch_household"()',
    );
    this.addSql(
      'create trigger "person_sync_touch_household_update" after update on "households"."person" referencing new table as changed_rows for each statement execute function "households"."sync_touch_household"()',
    );
    this.addSql(
      'create trigger "person_sync_touch_household_delete" after delete on "households"."person" referencing old table as changed_rows for each statement execute function "households"."sync_touch_household"()',
    );
    this.addSql(
      'create trigger "household_income_sync_touch_household_insert" after insert on "households"."household_income" referencing new table as changed_rows for each statement execute function "households"."sync_touch_household"()',
    );
    this.addSql(
      'create trigger "household_income_sync_touch_household_update" after update on "households"."household_income" referencing new table as changed_rows for each statement execute function "households"."sync_touch_household"()',
    );
    this.addSql(
      'create trigger "household_income_sync_touch_household_delete" after delete on "households"."household_income" referencing old table as changed_rows for each statement execute function "households"."sync_touch_household"()',
    );
    this.addSql(
      'create trigger "household_asset_sync_touch_household_insert" after insert on "households"."household_asset" referencing new table as changed_rows for each statement execute function "households"."sync_touch_household"()',
    );
    this.addSql(
      'create trigger "household_asset_sync_touch_household_update" after update on "households"."household_asset" referencing new table as changed_rows for each statement execute function "households"."sync_touch_household"()',
    );
    this.addSql(
      'create trigger "household_asset_sync_touch_household_delete" after delete on "households"."household_asset" referencing old table as changed_rows for each statement execute function "households"."sync_touch_household"()',
    );
    this.addSql(
      'create trigger "consent_record_sync_touch_household_insert" after insert on "households"."consent_record" referencing new table as changed_rows for each statement execute function "households"."sync_touch_household"()',
    );
    this.addSql(
      'create trigger "consent_record_sync_touch_household_update" after update on "households"."consent_record" referencing new table as changed_rows for each statement execute function "households"."sync_touch_household"()',
    );
    this.addSql(
      'create trigger "consent_record_sync_touch_household_delete" after delete on "households"."consent_record" referencing old table as changed_rows for each statement execute function "households"."sync_touch_household"()',
    );
    this.addSql(
      'create trigger "support_obligor_sync_touch_household_insert" after insert on "households"."support_obligor" referencing new table as changed_rows for each statement execute function "households"."sync_touch_household"()',
    );
    this.addSql(
      'create trigger "support_obligor_sync_touch_household_update" after update on "households"."support_obligor" referencing new table as changed_rows for each statement execute function "households"."sync_touch_household"()',
    );
    this.addSql(
      'create trigger "support_obligor_sync_touch_household_delete" after delete on "households"."support_obligor" referencing old table as changed_rows for each statement execute function "households"."sync_touch_household"()',
    );
  }

  override async down(): Promise<void> {
    this.addSql('drop trigger if exists "household_sync_touch" on "households"."household"');
    this.addSql('drop index if exists "households"."household_updated_at_id_index"');
    this.addSql('drop trigger if exists "person_sync_touch_household_insert" on "households"."person"');
    this.addSql('drop trigger if exists "person_sync_touch_household_update" on "households"."person"');
    this.addSql('drop trigger if exists "person_sync_touch_household_delete" on "households"."person"');
    this.addSql(
      'drop trigger if exists "household_income_sync_touch_household_insert" on "households"."household_income"',
    );
    this.addSql(
      'drop trigger if exists "household_income_sync_touch_household_update" on "households"."household_income"',
    );
    this.addSql(
      'drop trigger if exists "household_income_sync_touch_household_delete" on "households"."household_income"',
    );
    this.addSql(
      'drop trigger if exists "household_asset_sync_touch_household_insert" on "households"."household_asset"',
    );
    this.addSql(
      'drop trigger if exists "household_asset_sync_touch_household_update" on "households"."household_asset"',
    );
    this.addSql(
      'drop trigger if exists "household_asset_sync_touch_household_delete" on "households"."household_asset"',
    );
    this.addSql('drop trigger if exists "consent_record_sync_touch_household_insert" on "households"."consent_record"');
    this.addSql('drop trigger if exists "consent_record_sync_touch_household_update" on "households"."consent_record"');
    this.addSql('drop trigger if exists "consent_record_sync_touch_household_delete" on "households"."consent_record"');
    this.addSql(
      'drop trigger if exists "support_obligor_sync_touch_household_insert" on "households"."support_obligor"',
    );
    this.addSql(
      'drop trigger if exists "support_obligor_sync_touch_household_update" on "households"."support_obligor"',
    );
    this.addSql(
      'drop trigger if exists "support_obligor_sync_touch_household_delete" on "households"."support_obligor"',
    );
    this.addSql('drop function if exists "households"."sync_touch_household"()');
    this.addSql('drop function if exists "households"."sync_touch_updated_at"()');
  }
}
