import { Migration } from '@mikro-orm/migrations';

export class Migration20261122055600 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create table "households"."household_asset" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "household_id" uuid not null, "kind" text not null, "description" text not null, "value_fen" bigint not null, "assessed_on" date not null, "source" text not null, "recorded_by" text null, constraint "household_asset_pkey" primary key ("id"))',
    );
    this.addSql('create index "household_asset_household_id_index" on "households"."household_asset" ("household_id")');
    this.addSql(
      'create table "households"."household_income" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "household_id" uuid not null, "month" varchar(7) not null, "category" text not null, "amount_fen" int not null, "source" text not null, "recorded_by" text null, constraint "household_income_pkey" primary key ("id"))',
    );
    this.addSql(
      'create index "household_income_household_id_index" on "households"."household_income" ("household_id")',
    );
    this.addSql(
      'alter table "households"."household_income" add constraint "household_income_household_id_month_category_unique" unique ("household_id", "month", "category")',
    );
    this.addSql(
      'create table "households"."consent_record" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "household_id" uuid not null, "person_id" uuid not null, "purpose" text not null, "scope" text not null, "given_at" timestamptz not null, "recorded_by" text null, "withdrawn_at" timestamptz null, "withdrawn_reason" text null, "withdrawn_by" text null, constraint "consent_record_pkey" primary key ("id"))',
    );
    this.addSql('create index "consent_record_household_id_index" on "households"."consent_record" ("household_id")');
    this.addSql('create index "consent_record_person_id_index" on "households"."consent_record" ("person_id")');
    this.addSql(
      'alter table "households"."household_asset" add constraint "household_asset_household_id_foreign" foreign key ("household_id") references "households"."household" ("id") on update cascade',
    );
    this.addSql(
      'alter table "households"."household_income" add constraint "household_income_household_id_foreign" foreign key ("household_id") references "households"."household" ("id") on update cascade',
    );
    this.addSql(
      'alter table "households"."consent_record" add constraint "consent_record_household_id_foreign" foreign key ("household_id") references "households"."household" ("id") on update cascade',
    );
    this.addSql(
      'alter table "households"."consent_record" add constraint "consent_record_person_id_foreign" foreign key ("person_id") references "households"."person" ("id") on update cascade',
    );
  }
}
