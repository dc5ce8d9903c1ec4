import { Migration } from '@mikro-orm/migrations';

export class Migration20261122070756 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create table "cases"."case_relief" ("benefit_id" uuid not null, "case_id" uuid not null, "programme_id" uuid not null, "programme_name" text not null, "amount_fen" int not null, "status" text not null, "last_event_id" uuid not null, "updated_at" timestamptz not null, constraint "case_relief_pkey" primary key ("benefit_id"))',
    );
    this.addSql('create index "case_relief_case_id_index" on "cases"."case_relief" ("case_id")');
    this.addSql(
      'create table "cases"."outbox_message" ("id" uuid not null, "event_id" uuid not null, "type" text not null, "aggregate_id" text not null, "payload" jsonb not null, "consumer" text not null, "created_at" timestamptz not null, "attempts" int not null default 0, "next_attempt_at" timestamptz not null, "delivered_at" timestamptz null, "last_error" text null, constraint "outbox_message_pkey" primary key ("id"))',
    );
    this.addSql(
      'create index "outbox_message_delivered_at_next_attempt_at_index" on "cases"."outbox_message" ("delivered_at", "next_attempt_at")',
    );
    this.addSql(
      'alter table "cases"."outbox_message" add constraint "outbox_message_event_id_consumer_unique" unique ("event_id", "consumer")',
    );
    this.addSql(
      'create table "cases"."processed_event" ("event_id" uuid not null, "type" text not null, "processed_at" timestamptz not null, constraint "processed_event_pkey" primary key ("event_id"))',
    );
  }
}
