import { Migration } from '@mikro-orm/migrations';

export class Migration20261122064059 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create table "programmes"."benefit" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "programme_id" uuid not null, "household_id" uuid not null, "person_id" uuid null, "amount_fen" int not null, "granted_on" date not null, "year" smallint not null, "case_id" uuid null, "note" text null, constraint "benefit_pkey" primary key ("id"))',
    );
    this.addSql('create index "benefit_person_id_index" on "programmes"."benefit" ("person_id")');
    this.addSql(
      'create index "benefit_programme_id_household_id_year_index" on "programmes"."benefit" ("programme_id", "household_id", "year")',
    );
    this.addSql(
      'alter table "programmes"."benefit" add constraint "benefit_programme_id_foreign" foreign key ("programme_id") references "programmes"."programme" ("id") on update cascade',
    );
    this.addSql(
      'alter table "programmes"."programme" add column "cap_per_person_year_fen" int null, add column "cap_per_household_year_fen" int null, add column "cap_per_grant_fen" int null',
    );
  }
}
