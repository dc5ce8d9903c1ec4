import { Migration } from '@mikro-orm/migrations';

/** Complaints and reports (监督举报, 临社救办发〔2015〕3号 二(一)) and their reference numbers per county and year. */
export class Migration20261128182127 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create table "cases"."complaint" ("id" uuid not null, "reference_number" text not null, "jurisdiction_code" varchar(12) not null, "channel" text not null, "kind" text not null, "received_on" date not null, "summary" text not null, "concerned_case_id" uuid null, "concerned_benefit_id" uuid null, "concerned_organisation_id" uuid null, "anonymous" boolean not null, "complainant_name_sealed" text null, "complainant_phone_sealed" text null, "received_by_organisation_id" uuid not null, "received_by_id" uuid null, "status" text not null default \'RECEIVED\', "verifier_organisation_id" uuid null, "assigned_on" date null, "due_date" date null, "due_date_warning" text null, "finding" text null, "finding_text" text null, "verified_on" date null, "answered_on" date null, "answer_channel" text null, "answer_text" text null, "review_opened" boolean not null default false, "version" int not null default 1, "created_at" timestamptz not null, constraint "complaint_pkey" primary key ("id"))',
    );
    this.addSql(
      'alter table "cases"."complaint" add constraint "complaint_reference_number_unique" unique ("reference_number")',
    );
    this.addSql('create index "complaint_jurisdiction_code_index" on "cases"."complaint" ("jurisdiction_code")');
    this.addSql('create index "complaint_concerned_case_id_index" on "cases"."complaint" ("concerned_case_id")');
    this.addSql('create index "complaint_concerned_benefit_id_index" on "cases"."complaint" ("concerned_benefit_id")');
    this.addSql('create index "complaint_status_index" on "cases"."complaint" ("status")');
    this.addSql(
      'create index "complaint_verifier_organisation_id_index" on "cases"."complaint" ("verifier_organisation_id")',
    );
    this.addSql(
      'create table "cases"."complaint_number" ("jurisdiction_code" varchar(12) not null, "year" int not null, "last" int not null, constraint "complaint_number_pkey" primary key ("jurisdiction_code", "year"))',
    );
  }
}
