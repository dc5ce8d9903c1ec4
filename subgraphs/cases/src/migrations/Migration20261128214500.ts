import { Migration } from '@mikro-orm/migrations';

/** Case documents (襄政办发〔2023〕26号 附件2–5, 七(五); 晋检发办字〔2023〕10号 第九、二十四条) and the letters' numbers (文号). */
export class Migration20261128214500 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create table "cases"."case_document" ("id" uuid not null, "case_id" uuid not null, "referral_id" uuid null, "visit_id" uuid null, "kind" text not null, "title" text not null, "document_number" text null, "issuing_organisation_id" uuid null, "file_name" text not null, "media_type" text not null, "byte_length" int not null, "sha256" text not null, "content" bytea not null, "generated" boolean not null, "sensitive" boolean not null default false, "copied_to_organisation_ids" text[] not null, "created_by_id" text not null, "created_by_organisation_id" uuid null, "created_at" timestamptz not null, "archived_at" timestamptz null, constraint "case_document_pkey" primary key ("id"))',
    );
    this.addSql('create index "case_document_referral_id_index" on "cases"."case_document" ("referral_id")');
    this.addSql(
      'create index "case_document_case_id_created_at_index" on "cases"."case_document" ("case_id", "created_at")',
    );
    this.addSql(
      'create table "cases"."document_number_counter" ("organisation_id" uuid not null, "year" int not null, "last" int not null default 0, constraint "document_number_counter_pkey" primary key ("organisation_id", "year"))',
    );
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "cases"."document_number_counter"');
    this.addSql('drop table if exists "cases"."case_document"');
  }
}
