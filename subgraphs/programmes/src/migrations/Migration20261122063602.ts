import { Migration } from '@mikro-orm/migrations';

export class Migration20261122063602 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create table "programmes"."deadline_setting" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "jurisdiction_code" varchar(12) not null, "rule" text not null, "amount" smallint not null, "reason" text null, constraint "deadline_setting_pkey" primary key ("id"))',
    );
    this.addSql(
      'alter table "programmes"."deadline_setting" add constraint "deadline_setting_jurisdiction_code_rule_unique" unique ("jurisdiction_code", "rule")',
    );
  }
}
