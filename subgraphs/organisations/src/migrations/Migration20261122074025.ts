import { Migration } from '@mikro-orm/migrations';

export class Migration20261122074025 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create table "organisations"."notification" ("id" uuid not null, "organisation_id" uuid not null, "kind" text not null, "case_id" uuid not null, "item_kind" text not null, "item_id" uuid not null, "responsible_organisation_id" uuid not null, "jurisdiction_code" text not null, "due_date" date not null, "event_id" uuid not null, "created_at" timestamptz not null, "read_at" timestamptz null, "read_by" uuid null, constraint "notification_pkey" primary key ("id"))',
    );
    this.addSql(
      'create index "notification_organisation_id_created_at_index" on "organisations"."notification" ("organisation_id", "created_at")',
    );
    this.addSql(
      'alter table "organisations"."notification" add constraint "notification_organisation_id_kind_item_kind_item__d05c6_unique" unique ("organisation_id", "kind", "item_kind", "item_id", "due_date")',
    );
    this.addSql(
      'create table "organisations"."processed_event" ("event_id" uuid not null, "type" text not null, "processed_at" timestamptz not null, constraint "processed_event_pkey" primary key ("event_id"))',
    );
    this.addSql(
      'alter table "organisations"."notification" add constraint "notification_organisation_id_foreign" foreign key ("organisation_id") references "organisations"."organisation" ("id") on update cascade',
    );
  }
}
