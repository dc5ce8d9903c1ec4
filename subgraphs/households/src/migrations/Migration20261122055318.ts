import { Migration } from '@mikro-orm/migrations';

export class Migration20261122055318 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create table "households"."household_change" ("id" uuid not null, "household_id" uuid not null, "entity_type" text not null, "entity_id" uuid not null, "changed_at" timestamptz not null, "changed_by_id" text null, "changed_by_organisation_id" text null, "source" text not null, "changes" jsonb not null, "snapshot" jsonb not null, constraint "household_change_pkey" primary key ("id"))',
    );
    this.addSql(
      'create index "household_change_household_id_changed_at_index" on "households"."household_change" ("household_id", "changed_at")',
    );
    this.addSql(
      'alter table "households"."household_change" add constraint "household_change_household_id_foreign" foreign key ("household_id") references "households"."household" ("id") on update cascade',
    );
    this.addSql(
      'alter table "households"."household" add column "residence_jurisdiction_code" varchar(12) null, add column "hukou_type" text null, add column "poverty_monitoring_status" text not null default \'NONE\', add column "poverty_monitoring_source" text null, add column "poverty_monitoring_since" date null',
    );
    this.addSql(
      'create index "household_residence_jurisdiction_code_index" on "households"."household" ("residence_jurisdiction_code")',
    );
    this.addSql(
      'alter table "households"."person" add column "disability_category" text null, add column "disability_grade" smallint null, add column "has_disability_certificate" boolean not null default false, add column "serious_illness" boolean not null default false, add column "chronic_illness" boolean not null default false, add column "schooling_stage" text null, add column "employment_status" text null, add column "work_ability" text null, add column "veteran_status" text not null default \'NONE\', add column "orphan" boolean not null default false, add column "unattended_child" boolean not null default false',
    );
  }
}
