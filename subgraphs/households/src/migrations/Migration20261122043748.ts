import { Migration } from '@mikro-orm/migrations';

export class Migration20261122043748 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create table "households"."household" ("id" uuid not null, "jurisdiction_code" varchar(12) not null, "address" text null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "household_pkey" primary key ("id"))',
    );
    this.addSql('create index "household_jurisdiction_code_index" on "households"."household" ("jurisdiction_code")');
    this.addSql(
      'create table "households"."idempotency_key" ("operation" text not null, "key" text not null, "request_hash" text not null, "entity_id" text null, "created_at" timestamptz not null default now(), constraint "idempotency_key_pkey" primary key ("operation", "key"))',
    );
    this.addSql(
      'create table "households"."person" ("id" uuid not null, "household_id" uuid not null, "name" text not null, "sex" text not null, "birth_date" date null, "relationship_to_head" text not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "person_pkey" primary key ("id"))',
    );
    this.addSql('create index "person_household_id_index" on "households"."person" ("household_id")');
    this.addSql(
      'alter table "households"."person" add constraint "person_household_id_foreign" foreign key ("household_id") references "households"."household" ("id") on update cascade',
    );
  }
}
