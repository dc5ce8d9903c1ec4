import { Migration } from '@mikro-orm/migrations';

export class Migration20261122070916 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create table "programmes"."outbox_message" ("id" uuid not null, "event_id" uuid not null, "type" text not null, "aggregate_id" text not null, "payload" jsonb not null, "consumer" text not null, "created_at" timestamptz not null, "attempts" int not null default 0, "next_attempt_at" timestamptz not null, "delivered_at" timestamptz null, "last_error" text null, constraint "outbox_message_pkey" primary key ("id"))',
    );
    this.addSql(
      'create index "outbox_message_delivered_at_next_attempt_at_index" on "programmes"."outbox_message" ("delivered_at", "next_attempt_at")',
    );
    this.addSql(
      'alter table "programmes"."outbox_message" add constraint "outbox_message_event_id_consumer_unique" unique ("event_id", "consumer")',
    );
    this.addSql(
      'create table "programmes"."benefit_objection" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "benefit_id" uuid not null, "received_on" date not null, "objection" text not null, "recorded_by_id" uuid null, "upheld" boolean null, "resolved_on" date null, "resolution" text null, constraint "benefit_objection_pkey" primary key ("id"))',
    );
    this.addSql(
      'create table "programmes"."programme_version" ("id" uuid not null, "programme_id" uuid not null, "number" int not null, "effective_from" date not null, "settings" jsonb not null, "locks" jsonb not null, "note" text null, "published_by_id" uuid null, "published_at" timestamptz not null, constraint "programme_version_pkey" primary key ("id"))',
    );
    this.addSql(
      'create index "programme_version_programme_id_effective_from_index" on "programmes"."programme_version" ("programme_id", "effective_from")',
    );
    this.addSql(
      'alter table "programmes"."programme_version" add constraint "programme_version_programme_id_number_unique" unique ("programme_id", "number")',
    );
    this.addSql(
      'alter table "programmes"."benefit_objection" add constraint "benefit_objection_benefit_id_foreign" foreign key ("benefit_id") references "programmes"."benefit" ("id") on update cascade',
    );
    this.addSql(
      'alter table "programmes"."programme_version" add constraint "programme_version_programme_id_foreign" foreign key ("programme_id") references "programmes"."programme" ("id") on update cascade',
    );
    // Caps set before versions existed become each programme's first version (in force since ever).
    this.addSql(
      `insert into "programmes"."programme_version" ("id", "programme_id", "number", "effective_from", "settings", "locks", "note", "published_at")
       select gen_random_uuid(), "id", 1, '2000-01-01',
         jsonb_build_object('caps', jsonb_build_object('perPersonYearFen', "cap_per_person_year_fen", 'perHouseholdYearFen', "cap_per_household_year_fen", 'perGrantFen', "cap_per_grant_fen")),
         '[]'::jsonb, 'Caps set before programmes had versions', now()
       from "programmes"."programme"
       where coalesce("cap_per_person_year_fen", "cap_per_household_year_fen", "cap_per_grant_fen") is not null`,
    );
    this.addSql(
      'alter table "programmes"."programme" drop column "cap_per_person_year_fen", drop column "cap_per_household_year_fen", drop column "cap_per_grant_fen"',
    );
    this.addSql(
      'alter table "programmes"."programme" add column "is_template" boolean not null default false, add column "template_id" uuid null',
    );
    this.addSql('create index "programme_template_id_index" on "programmes"."programme" ("template_id")');
    this.addSql(
      'alter table "programmes"."benefit" add column "jurisdiction_code" varchar(12) not null default \'000000000000\', add column "amount_source" text not null default \'ENTERED\', add column "status" text not null default \'PROPOSED\', add column "settings" jsonb not null default \'{}\', add column "version_number" int null, add column "approval_level" text not null default \'COUNTY\', add column "collective_review_required" boolean not null default false, add column "staff_relation" text not null default \'NONE\', add column "proposed_by_id" uuid null, add column "decided_by_id" uuid null, add column "decided_on" date null, add column "decision_note" text null, add column "collective_review_on" date null, add column "collective_review_reference" text null, add column "notice_ends_on" date null, add column "active_from" date null, add column "ended_on" date null, add column "end_reason" text null, add column "referral_id" uuid null',
    );
    // Grants recorded before the approval workflow were paid out: they stay counted, as ACTIVE. Their
    // hukou place was not kept; an administrator can read it from the household.
    this.addSql('update "programmes"."benefit" set "status" = \'ACTIVE\'');
    this.addSql(
      'alter table "programmes"."benefit" alter column "jurisdiction_code" drop default, alter column "settings" drop default, alter column "approval_level" drop default',
    );
    this.addSql('create index "benefit_household_id_index" on "programmes"."benefit" ("household_id")');
    this.addSql('create index "benefit_jurisdiction_code_index" on "programmes"."benefit" ("jurisdiction_code")');
  }
}
