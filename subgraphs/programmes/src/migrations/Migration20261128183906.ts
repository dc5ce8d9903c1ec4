import { Migration } from '@mikro-orm/migrations';

export class Migration20261128183906 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create table "programmes"."democratic_appraisal" ("id" uuid not null, "case_id" uuid null, "household_id" uuid not null, "programme_id" uuid not null, "jurisdiction_code" varchar(12) not null, "held_on" date not null, "participants" jsonb not null, "outcome" text not null, "reasons" text not null, "recorded_by_id" text not null, "recorded_by_organisation_id" uuid null, "created_at" timestamptz not null, constraint "democratic_appraisal_pkey" primary key ("id"))',
    );
    this.addSql('create index "democratic_appraisal_case_id_index" on "programmes"."democratic_appraisal" ("case_id")');
    this.addSql(
      'create index "democratic_appraisal_household_id_programme_id_held_on_index" on "programmes"."democratic_appraisal" ("household_id", "programme_id", "held_on")',
    );
  }
}
