import { Migration } from '@mikro-orm/migrations';

/** Screening leads (河鱼府发【2021】39号 二(四)): one per situation, and the DATA_COMPARISON case opened for it. */
export class Migration20261128153000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create table "cases"."screening_lead" ("id" uuid not null, "situation_key" text not null, "household_id" uuid not null, "hukou_code" varchar(12) not null, "residence_code" varchar(12) not null, "township_code" varchar(12) not null, "matches" jsonb not null, "key_groups" text[] not null, "screened_on" date not null, "event_id" uuid not null, "received_at" timestamptz not null, "case_id" uuid null, "problem" text null, constraint "screening_lead_pkey" primary key ("id"))',
    );
    this.addSql('create index "screening_lead_household_id_index" on "cases"."screening_lead" ("household_id")');
    this.addSql(
      'alter table "cases"."screening_lead" add constraint "screening_lead_situation_key_unique" unique ("situation_key")',
    );
    this.addSql(
      'alter table "cases"."screening_lead" add constraint "screening_lead_case_id_unique" unique ("case_id")',
    );
    this.addSql(
      'create index "screening_lead_pending_index" on "cases"."screening_lead" ("received_at") where "case_id" is null',
    );
  }
}
