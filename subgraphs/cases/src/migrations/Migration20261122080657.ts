import { Migration } from '@mikro-orm/migrations';

export class Migration20261122080657 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create table "cases"."deadline_notice" ("id" uuid not null, "item_kind" text not null, "item_id" uuid not null, "level" text not null, "due_date" date not null, "sent_at" timestamptz not null, constraint "deadline_notice_pkey" primary key ("id"))',
    );
    this.addSql(
      'alter table "cases"."deadline_notice" add constraint "deadline_notice_item_kind_item_id_level_due_date_unique" unique ("item_kind", "item_id", "level", "due_date")',
    );
    this.addSql(
      'create table "cases"."scheduled_job" ("name" text not null, "next_run_at" timestamptz not null, "locked_until" timestamptz null, "locked_by" uuid null, "last_run_at" timestamptz null, "last_error" text null, "runs" int not null default 0, constraint "scheduled_job_pkey" primary key ("name"))',
    );
  }
}
