import { Migration } from '@mikro-orm/migrations';

/** The payment roll (资金发放, 临社救办发〔2015〕3号 二(一)): payments, the runs that paid them, changes of amount. */
export class Migration20261128182411 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create table "programmes"."payment_run" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "jurisdiction_code" varchar(12) not null, "period" varchar(7) not null, "paid_on" date not null, "payments" int not null, "total_fen" bigint not null, "marked_by_id" uuid null, constraint "payment_run_pkey" primary key ("id"))',
    );
    this.addSql(
      'create index "payment_run_jurisdiction_code_period_index" on "programmes"."payment_run" ("jurisdiction_code", "period")',
    );
    this.addSql(
      'create table "programmes"."payment_amount_change" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "benefit_id" uuid not null, "from_period" varchar(7) not null, "amount_fen" int not null, "reason" text not null, "changed_by_id" uuid null, constraint "payment_amount_change_pkey" primary key ("id"))',
    );
    this.addSql(
      'create index "payment_amount_change_benefit_id_from_period_index" on "programmes"."payment_amount_change" ("benefit_id", "from_period")',
    );
    this.addSql(
      'create table "programmes"."payment" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "benefit_id" uuid not null, "programme_id" uuid not null, "household_id" uuid not null, "person_id" uuid null, "jurisdiction_code" varchar(12) not null, "period" varchar(7) not null, "amount_fen" int not null, "status" text not null default \'SCHEDULED\', "paying_organisation_id" uuid not null, "paid_on" date null, "payment_run_id" uuid null, "returned_on" date null, "return_reason" text null, "returned_by_id" uuid null, constraint "payment_pkey" primary key ("id"))',
    );
    this.addSql(
      'create index "payment_period_jurisdiction_code_index" on "programmes"."payment" ("period", "jurisdiction_code")',
    );
    this.addSql(
      'alter table "programmes"."payment" add constraint "payment_benefit_id_period_unique" unique ("benefit_id", "period")',
    );
    this.addSql(
      'alter table "programmes"."payment_amount_change" add constraint "payment_amount_change_benefit_id_foreign" foreign key ("benefit_id") references "programmes"."benefit" ("id") on update cascade',
    );
    this.addSql(
      'alter table "programmes"."payment" add constraint "payment_benefit_id_foreign" foreign key ("benefit_id") references "programmes"."benefit" ("id") on update cascade',
    );
  }
}
