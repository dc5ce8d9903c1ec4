import { Migration } from '@mikro-orm/migrations';

export class Migration20261128104000 extends Migration {
  override async up(): Promise<void> {
    // The time limits move here from programmes (issue 11); their rows are copied at start (deadline.import.ts).
    this.addSql(
      'create table "cases"."deadline_setting" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "jurisdiction_code" varchar(12) not null, "rule" text not null, "amount" smallint not null, "reason" text null, constraint "deadline_setting_pkey" primary key ("id"))',
    );
    this.addSql(
      'alter table "cases"."deadline_setting" add constraint "deadline_setting_jurisdiction_code_rule_unique" unique ("jurisdiction_code", "rule")',
    );
    this.addSql(
      'create table "cases"."deadline_setting_import" ("source" text not null, "imported_at" timestamptz not null, "settings" int not null, constraint "deadline_setting_import_pkey" primary key ("source"))',
    );
  }
}
