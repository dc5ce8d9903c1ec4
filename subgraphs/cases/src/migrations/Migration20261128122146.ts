import { Migration } from '@mikro-orm/migrations';

export class Migration20261128122146 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create table "cases"."ledger" ("id" uuid not null, "kind" text not null, "subject" text not null, "organisation_id" uuid null, "jurisdiction_code" varchar(12) not null, "month" varchar(7) not null, "due_date" date not null, "late" boolean not null default false, "first_submitted_on" date not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "ledger_pkey" primary key ("id"))',
    );
    this.addSql(
      'create index "ledger_jurisdiction_code_month_index" on "cases"."ledger" ("jurisdiction_code", "month")',
    );
    this.addSql(
      'alter table "cases"."ledger" add constraint "ledger_kind_subject_month_unique" unique ("kind", "subject", "month")',
    );
    this.addSql(
      'create table "cases"."ledger_notice" ("id" uuid not null, "ledger_id" uuid not null, "level" text not null, "due_date" date not null, "sent_at" timestamptz not null, constraint "ledger_notice_pkey" primary key ("id"))',
    );
    this.addSql(
      'alter table "cases"."ledger_notice" add constraint "ledger_notice_ledger_id_level_due_date_unique" unique ("ledger_id", "level", "due_date")',
    );
    this.addSql(
      'create table "cases"."ledger_revision" ("id" uuid not null, "ledger_id" uuid not null, "revision" int not null, "submitted_at" timestamptz not null, "submitted_on" date not null, "submitted_by" uuid null, "submitted_by_organisation_id" uuid null, "late" boolean not null, "correction_reason" text null, "rows" jsonb not null, "counts" jsonb not null, "offices" jsonb not null, "digest" text not null, constraint "ledger_revision_pkey" primary key ("id"))',
    );
    this.addSql('create index "ledger_revision_ledger_id_index" on "cases"."ledger_revision" ("ledger_id")');
    this.addSql(
      'alter table "cases"."ledger_revision" add constraint "ledger_revision_ledger_id_revision_unique" unique ("ledger_id", "revision")',
    );
  }
}
