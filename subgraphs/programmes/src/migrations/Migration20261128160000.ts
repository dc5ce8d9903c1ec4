import { Migration } from '@mikro-orm/migrations';

/**
 * The screening of every household (临社救办发〔2015〕3号 二(一) 应保尽保; 河鱼府发【2021】39号 一, 二): its runs and schedules,
 * each household's last result (a fingerprint, so an unchanged household writes nothing and no situation becomes two
 * leads), the leads sent, and the early-warning list with its visits.
 */
export class Migration20261128160000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create table "programmes"."screening_run" ("id" uuid not null, "jurisdiction_code" varchar(12) not null, "screened_on" date not null, "trigger" text not null, "household_ids" jsonb null, "status" text not null, "requested_by" uuid null, "queued_at" timestamptz not null, "started_at" timestamptz null, "finished_at" timestamptz null, "households" int not null default 0, "leads_found" int not null default 0, "warnings" int not null default 0, "flagged" int not null default 0, "duration_ms" int null, "error" text null, constraint "screening_run_pkey" primary key ("id"))',
    );
    this.addSql(
      'create index "screening_run_jurisdiction_code_queued_at_index" on "programmes"."screening_run" ("jurisdiction_code", "queued_at")',
    );
    this.addSql(
      `create index "screening_run_queued_index" on "programmes"."screening_run" ("queued_at") where "status" = 'QUEUED'`,
    );
    this.addSql(
      'create table "programmes"."screening_schedule" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "jurisdiction_code" varchar(12) not null, "frequency" text not null, "hour" smallint not null, "weekday" smallint null, "day_of_month" smallint null, "warning_margin_percent" smallint null, "next_run_at" timestamptz not null, constraint "screening_schedule_pkey" primary key ("id"))',
    );
    this.addSql(
      'alter table "programmes"."screening_schedule" add constraint "screening_schedule_jurisdiction_code_unique" unique ("jurisdiction_code")',
    );
    // One row per household whose last screening found something (no row: nothing found).
    this.addSql(
      'create table "programmes"."screening_result" ("household_id" uuid not null, "hukou_code" varchar(12) not null, "residence_code" varchar(12) not null, "state_hash" text not null, "lead_key" text null, "flagged" uuid[] not null default \'{}\', "screened_on" date not null, "run_id" uuid not null, constraint "screening_result_pkey" primary key ("household_id"))',
    );
    this.addSql(
      'create table "programmes"."screening_lead" ("situation_key" text not null, "household_id" uuid not null, "run_id" uuid not null, "sent_at" timestamptz not null default now(), constraint "screening_lead_pkey" primary key ("situation_key"))',
    );
    this.addSql('create index "screening_lead_household_id_index" on "programmes"."screening_lead" ("household_id")');
    this.addSql(
      'create table "programmes"."early_warning" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "household_id" uuid not null, "village_code" varchar(12) not null, "hukou_code" varchar(12) not null, "reasons" jsonb not null, "status" text not null, "raised_on" date not null, "last_screened_on" date not null, "cleared_on" date null, "last_visited_on" date null, constraint "early_warning_pkey" primary key ("id"))',
    );
    this.addSql(
      'create index "early_warning_village_code_status_index" on "programmes"."early_warning" ("village_code", "status")',
    );
    this.addSql(
      `create unique index "early_warning_open_household_unique" on "programmes"."early_warning" ("household_id") where "status" = 'OPEN'`,
    );
    this.addSql(
      'create table "programmes"."early_warning_visit" ("id" uuid not null, "warning_id" uuid not null, "visited_on" date not null, "outcome" text not null, "note" text null, "recorded_by" uuid null, "created_at" timestamptz not null, constraint "early_warning_visit_pkey" primary key ("id"))',
    );
    this.addSql(
      'create index "early_warning_visit_warning_id_index" on "programmes"."early_warning_visit" ("warning_id")',
    );
    this.addSql(
      'alter table "programmes"."early_warning_visit" add constraint "early_warning_visit_warning_id_foreign" foreign key ("warning_id") references "programmes"."early_warning" ("id") on update cascade',
    );
    // programmes now consumes events (household.facts.changed): each is applied once.
    this.addSql(
      'create table if not exists "programmes"."processed_event" ("event_id" uuid not null, "type" text not null, "processed_at" timestamptz not null, constraint "processed_event_pkey" primary key ("event_id"))',
    );
  }
}
