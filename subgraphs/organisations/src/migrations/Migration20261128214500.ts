import { Migration } from '@mikro-orm/migrations';

/**
 * Webhooks for agency apps (issue 19 item 1): subscriptions with their sealed signing secret, and one delivery per
 * (subscription, event); notifications are found by the event that made them, to tell their webhooks.
 */
export class Migration20261128214500 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create table "organisations"."webhook_subscription" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "api_client_id" uuid not null, "organisation_id" uuid not null, "jurisdiction_code" text not null, "url" text not null, "event_types" text[] not null, "secret_sealed" text not null, "status" text not null default \'ACTIVE\', "consecutive_failures" int not null default 0, "paused_at" timestamptz null, "pause_reason" text null, "secret_rotated_at" timestamptz null, "created_by_id" uuid null, "deleted_at" timestamptz null, constraint "webhook_subscription_pkey" primary key ("id"))',
    );
    this.addSql(
      'create index "webhook_subscription_api_client_id_index" on "organisations"."webhook_subscription" ("api_client_id")',
    );
    this.addSql(
      'create index "webhook_subscription_organisation_id_index" on "organisations"."webhook_subscription" ("organisation_id")',
    );
    this.addSql(
      'alter table "organisations"."webhook_subscription" add constraint "webhook_subscription_api_client_id_foreign" foreign key ("api_client_id") references "organisations"."api_client" ("id") on update cascade',
    );
    this.addSql(
      'alter table "organisations"."webhook_subscription" add constraint "webhook_subscription_organisation_id_foreign" foreign key ("organisation_id") references "organisations"."organisation" ("id") on update cascade',
    );
    this.addSql(
      'create table "organisations"."webhook_delivery" ("id" uuid not null, "subscription_id" uuid not null, "event_id" uuid not null, "type" text not null, "occurred_at" timestamptz not null, "organisation_id" uuid not null, "data" jsonb not null, "status" text not null default \'PENDING\', "attempt_count" int not null default 0, "last_response_status" int null, "last_error" text null, "next_attempt_at" timestamptz null, "last_attempt_at" timestamptz null, "delivered_at" timestamptz null, "replayed_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "webhook_delivery_pkey" primary key ("id"))',
    );
    this.addSql(
      'alter table "organisations"."webhook_delivery" add constraint "webhook_delivery_subscription_id_event_id_unique" unique ("subscription_id", "event_id")',
    );
    this.addSql(
      'create index "webhook_delivery_subscription_id_created_at_index" on "organisations"."webhook_delivery" ("subscription_id", "created_at")',
    );
    this.addSql(
      'create index "webhook_delivery_status_next_attempt_at_index" on "organisations"."webhook_delivery" ("status", "next_attempt_at")',
    );
    this.addSql(
      'alter table "organisations"."webhook_delivery" add constraint "webhook_delivery_subscription_id_foreign" foreign key ("subscription_id") references "organisations"."webhook_subscription" ("id") on update cascade on delete cascade',
    );
    this.addSql('create index "notification_event_id_index" on "organisations"."notification" ("event_id")');
  }
}
