import { Migration } from '@mikro-orm/migrations';

export class Migration20261122074757 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create table "cases"."case_event" ("id" uuid not null, "case_id" uuid not null, "at" timestamptz not null, "on" date null, "kind" text not null, "actor_id" uuid null, "actor_organisation_id" uuid null, "summary" text not null, "referral_id" uuid null, constraint "case_event_pkey" primary key ("id"))',
    );
    this.addSql('create index "case_event_case_id_index" on "cases"."case_event" ("case_id")');
    this.addSql(
      'create table "cases"."case_task" ("id" uuid not null, "case_id" uuid not null, "kind" text not null, "status" text not null default \'OPEN\', "organisation_id" uuid not null, "due_date" date null, "due_rule" text null, "due_date_warning" text null, "completed_on" date null, "created_at" timestamptz not null, constraint "case_task_pkey" primary key ("id"))',
    );
    this.addSql('create index "case_task_case_id_index" on "cases"."case_task" ("case_id")');
    this.addSql(
      'create index "case_task_organisation_id_status_index" on "cases"."case_task" ("organisation_id", "status")',
    );
    this.addSql(
      'create table "cases"."emergency_payment" ("id" uuid not null, "case_id" uuid not null, "organisation_id" uuid not null, "paid_on" date not null, "amount_fen" int not null, "paperwork_due_on" date null, "recorded_at" timestamptz not null, constraint "emergency_payment_pkey" primary key ("id"))',
    );
    this.addSql('create index "emergency_payment_case_id_index" on "cases"."emergency_payment" ("case_id")');
    this.addSql(
      'create table "cases"."follow_up" ("id" uuid not null, "case_id" uuid not null, "organisation_id" uuid not null, "due_on" date not null, "visited_on" date null, "outcome" text null, "needs_more_help" boolean null, "created_at" timestamptz not null, constraint "follow_up_pkey" primary key ("id"))',
    );
    this.addSql('create index "follow_up_case_id_index" on "cases"."follow_up" ("case_id")');
    this.addSql(
      'create index "follow_up_organisation_id_visited_on_index" on "cases"."follow_up" ("organisation_id", "visited_on")',
    );
    this.addSql(
      'create table "cases"."public_notice" ("id" uuid not null, "case_id" uuid not null, "starts_on" date not null, "ends_on" date not null, "days" int not null, "content" text not null, "objections" jsonb not null, "outcome" text null, "closed_on" date null, "created_at" timestamptz not null, constraint "public_notice_pkey" primary key ("id"))',
    );
    this.addSql('create index "public_notice_case_id_index" on "cases"."public_notice" ("case_id")');
    this.addSql(
      'create table "cases"."case_visit" ("id" uuid not null, "case_id" uuid not null, "visited_on" date not null, "visitor_organisation_ids" text[] not null, "findings" jsonb not null, "referral_requested" boolean not null, "requested_kinds" text[] not null, "note" text null, "recorded_by_id" uuid null, "created_at" timestamptz not null, constraint "case_visit_pkey" primary key ("id"))',
    );
    this.addSql('create index "case_visit_case_id_index" on "cases"."case_visit" ("case_id")');
    // Cases opened before the workflows: each starts at its channel's first stage (CLOSED if closed), received on
    // the day it was opened; a window or hotline case is at the window of its lead (no first-question organisation).
    this.addSql(
      'alter table "cases"."hardship_case" add column "stage" text null, add column "origin_organisation_id" uuid null, add column "first_question_organisation_id" uuid null, add column "window_organisation_id" uuid null, add column "at_window" boolean not null default false, add column "office_organisation_id" uuid null, add column "household_jurisdiction_code" varchar(12) null, add column "residence_jurisdiction_code" varchar(12) null, add column "responsible_person" text null, add column "priority_groups" text[] not null default \'{}\', add column "received_on" date null, add column "reviewed_on" date null, add column "review_conclusion" text null, add column "concluded_on" date null, add column "closed_on" date null, add column "close_reason" text null',
    );
    this.addSql(
      `update "cases"."hardship_case" set
        "stage" = case when "status" = 'CLOSED' then 'CLOSED' else case "channel"
          when 'NON_NATURAL_DEATH' then 'LETTER_RECEIVED' when 'JUDICIAL_ASSISTANCE' then 'INVESTIGATING'
          when 'VILLAGE_DISCOVERY' then 'LEAD' when 'DATA_COMPARISON' then 'LEAD' else 'REGISTERED' end end,
        "received_on" = ("opened_at" at time zone 'Asia/Shanghai')::date,
        "at_window" = "channel" in ('WINDOW_APPLICATION', 'HOTLINE'),
        "window_organisation_id" = case when "channel" in ('WINDOW_APPLICATION', 'HOTLINE') then "lead_organisation_id" end`,
    );
    this.addSql(
      'alter table "cases"."hardship_case" alter column "stage" set not null, alter column "received_on" set not null, alter column "priority_groups" drop default',
    );
    this.addSql(
      'create index "hardship_case_origin_organisation_id_index" on "cases"."hardship_case" ("origin_organisation_id")',
    );
    this.addSql(
      'create index "hardship_case_first_question_organisation_id_index" on "cases"."hardship_case" ("first_question_organisation_id")',
    );
    this.addSql(
      'create index "hardship_case_window_organisation_id_index" on "cases"."hardship_case" ("window_organisation_id")',
    );
    this.addSql(
      'create index "hardship_case_office_organisation_id_index" on "cases"."hardship_case" ("office_organisation_id")',
    );
    this.addSql(
      'create index "hardship_case_household_jurisdiction_code_index" on "cases"."hardship_case" ("household_jurisdiction_code")',
    );
    this.addSql(
      'create index "hardship_case_residence_jurisdiction_code_index" on "cases"."hardship_case" ("residence_jurisdiction_code")',
    );
    this.addSql(
      'alter table "cases"."referral" add column "requested_measures" text[] not null default \'{}\', add column "sent_on" date null, add column "early" boolean not null default false, add column "early_reason" text null, add column "emergency" boolean not null default false, add column "procedure" boolean not null default false, add column "due_rule" text null, add column "due_date_warning" text null, add column "accepted_on" date null, add column "declined_on" date null, add column "decline_reason" text null, add column "decline_explanation" text null, add column "forwarded_to_id" uuid null, add column "forwarded_from_id" uuid null, add column "forwarded_on" date null, add column "forward_reason" text null, add column "concluded_on" date null, add column "answered_on" date null, add column "measures_taken" text[] not null default \'{}\', add column "refusal_reason" text null, add column "benefit_ids" text[] not null default \'{}\', add column "confidential_note" text null, add column "receipt_on" date null',
    );
    // Referrals made before: sent the day they were made; a judicial case's run under 晋检发办字〔2023〕10号 第二十一条.
    this.addSql(
      `update "cases"."referral" set "sent_on" = ("created_at" at time zone 'Asia/Shanghai')::date,
        "procedure" = "case_id" in (select "id" from "cases"."hardship_case" where "channel" = 'JUDICIAL_ASSISTANCE')`,
    );
    this.addSql(
      'alter table "cases"."referral" alter column "sent_on" set not null, alter column "requested_measures" drop default, alter column "measures_taken" drop default, alter column "benefit_ids" drop default',
    );
    this.addSql('create index "referral_due_date_index" on "cases"."referral" ("due_date")');
  }
}
