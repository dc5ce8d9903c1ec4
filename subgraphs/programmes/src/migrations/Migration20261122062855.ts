import { Migration } from '@mikro-orm/migrations';

export class Migration20261122062855 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create table "programmes"."local_standard" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "jurisdiction_code" varchar(12) not null, "year" smallint not null, "dibao_urban_monthly_fen" int not null, "dibao_rural_monthly_fen" int not null, "tekun_monthly_fen" int null, "low_income_multiplier_percent" smallint not null default 150, "published_in" text null, constraint "local_standard_pkey" primary key ("id"))',
    );
    this.addSql(
      'alter table "programmes"."local_standard" add constraint "local_standard_jurisdiction_code_year_unique" unique ("jurisdiction_code", "year")',
    );
  }
}
