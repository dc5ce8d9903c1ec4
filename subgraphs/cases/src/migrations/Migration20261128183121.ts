import { Migration } from '@mikro-orm/migrations';

export class Migration20261128183121 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create table "cases"."economic_check" ("id" uuid not null, "case_id" uuid not null, "household_id" uuid not null, "checking_organisation_id" uuid not null, "requested_by_organisation_id" uuid null, "requested_by_id" text not null, "status" text not null default \'REQUESTED\', "requested_on" date not null, "due_date" date null, "due_rule" text null, "due_date_warning" text null, "answered_on" date null, "answered_by_id" text null, "income_figures" int null, "asset_count" int null, "note" text null, "version" int not null default 1, "created_at" timestamptz not null, constraint "economic_check_pkey" primary key ("id"))',
    );
    this.addSql('create index "economic_check_case_id_index" on "cases"."economic_check" ("case_id")');
    this.addSql(
      'create index "economic_check_checking_organisation_id_status_index" on "cases"."economic_check" ("checking_organisation_id", "status")',
    );
  }
}
