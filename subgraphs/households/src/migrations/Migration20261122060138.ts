import { Migration } from '@mikro-orm/migrations';

export class Migration20261122060138 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create table "households"."support_obligor" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "household_id" uuid not null, "name" text not null, "relationship" text not null, "duty" text not null, "able_to_support" boolean not null, "note" text null, constraint "support_obligor_pkey" primary key ("id"))',
    );
    this.addSql('create index "support_obligor_household_id_index" on "households"."support_obligor" ("household_id")');
    this.addSql(
      'alter table "households"."support_obligor" add constraint "support_obligor_household_id_foreign" foreign key ("household_id") references "households"."household" ("id") on update cascade',
    );
  }
}
