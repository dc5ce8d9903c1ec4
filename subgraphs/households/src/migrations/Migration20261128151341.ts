import { Migration } from '@mikro-orm/migrations';

export class Migration20261128151341 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create table "households"."data_push" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "kind" text not null, "source_organisation_id" uuid not null, "source_name" text not null, "as_of" date not null, "jurisdiction_code" varchar(12) not null, "content_hash" text not null, "rows" int not null, "matched" int not null, "unchanged" int not null, "unmatched" int not null, "invalid" int not null default 0, "created_by_id" text null, constraint "data_push_pkey" primary key ("id"))',
    );
    this.addSql(
      'alter table "households"."data_push" add constraint "data_push_content_hash_unique" unique ("content_hash")',
    );
    this.addSql(
      'create index "data_push_jurisdiction_code_created_at_index" on "households"."data_push" ("jurisdiction_code", "created_at")',
    );
    this.addSql(
      'create table "households"."data_push_unmatched_row" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "data_push_id" uuid not null, "row" int not null, "kind" text not null, "jurisdiction_code" varchar(12) not null, "id_number_sealed" text not null, "id_number_hash" text not null, "id_number_masked" text not null, "name" text null, "values" jsonb not null, "status" text not null default \'PENDING\', "person_id" uuid null, "dismiss_reason" text null, "resolved_by_id" text null, "resolved_at" timestamptz null, constraint "data_push_unmatched_row_pkey" primary key ("id"))',
    );
    this.addSql(
      'create index "data_push_unmatched_row_data_push_id_index" on "households"."data_push_unmatched_row" ("data_push_id")',
    );
    this.addSql(
      'create index "data_push_unmatched_row_id_number_hash_index" on "households"."data_push_unmatched_row" ("id_number_hash")',
    );
    this.addSql(
      'create index "data_push_unmatched_row_jurisdiction_code_status_index" on "households"."data_push_unmatched_row" ("jurisdiction_code", "status")',
    );
    this.addSql(
      'create table "households"."outbox_message" ("id" uuid not null, "event_id" uuid not null, "type" text not null, "aggregate_id" text not null, "payload" jsonb not null, "consumer" text not null, "created_at" timestamptz not null, "delivered_at" timestamptz null, constraint "outbox_message_pkey" primary key ("id"))',
    );
    this.addSql(
      'alter table "households"."outbox_message" add constraint "outbox_message_event_id_consumer_unique" unique ("event_id", "consumer")',
    );
    this.addSql(
      'alter table "households"."household" add column "housing_assistance" text null, add column "disaster_kind" text null, add column "disaster_date" date null, add column "disaster_loss_fen" int null',
    );
    this.addSql(
      'alter table "households"."household_change" add column "as_of" date null, add column "data_push_id" uuid null',
    );
    this.addSql(
      'alter table "households"."person" add column "lives_alone" boolean not null default false, add column "unemployed_since" date null, add column "relief_category" text null, add column "admission_school" text null, add column "admission_year" smallint null',
    );
  }
}
