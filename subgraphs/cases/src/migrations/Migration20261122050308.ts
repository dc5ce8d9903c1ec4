import { Migration } from '@mikro-orm/migrations';

export class Migration20261122050308 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create table "cases"."hardship_case" ("id" uuid not null, "household_id" uuid not null, "channel" text not null, "status" text not null default \'OPEN\', "summary" text not null, "lead_organisation_id" uuid not null, "jurisdiction_code" varchar(12) not null, "opened_at" timestamptz not null, "version" int not null default 1, "updated_at" timestamptz not null, constraint "hardship_case_pkey" primary key ("id"))',
    );
    this.addSql('create index "hardship_case_household_id_index" on "cases"."hardship_case" ("household_id")');
    this.addSql(
      'create index "hardship_case_lead_organisation_id_index" on "cases"."hardship_case" ("lead_organisation_id")',
    );
    this.addSql(
      'create index "hardship_case_jurisdiction_code_index" on "cases"."hardship_case" ("jurisdiction_code")',
    );
    this.addSql(
      'create table "cases"."idempotency_key" ("operation" text not null, "key" text not null, "request_hash" text not null, "entity_id" text null, "created_at" timestamptz not null default now(), constraint "idempotency_key_pkey" primary key ("operation", "key"))',
    );
    this.addSql(
      'create table "cases"."referral" ("id" uuid not null, "case_id" uuid not null, "from_organisation_id" uuid not null, "to_organisation_id" uuid not null, "kind" text not null, "status" text not null default \'SENT\', "note" text null, "due_date" date null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "referral_pkey" primary key ("id"))',
    );
    this.addSql('create index "referral_case_id_index" on "cases"."referral" ("case_id")');
    this.addSql('create index "referral_from_organisation_id_index" on "cases"."referral" ("from_organisation_id")');
    this.addSql('create index "referral_to_organisation_id_index" on "cases"."referral" ("to_organisation_id")');
    this.addSql(
      'alter table "cases"."referral" add constraint "referral_case_id_foreign" foreign key ("case_id") references "cases"."hardship_case" ("id") on update cascade',
    );
  }
}
