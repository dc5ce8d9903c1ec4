import { Migration } from '@mikro-orm/migrations';

export class Migration20261122043910 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create table "organisations"."idempotency_key" ("operation" text not null, "key" text not null, "request_hash" text not null, "entity_id" text null, "created_at" timestamptz not null default now(), constraint "idempotency_key_pkey" primary key ("operation", "key"))',
    );
    this.addSql(
      'create table "organisations"."jurisdiction" ("code" varchar(12) not null, "name" text not null, "level" text not null, "parent_code" varchar(12) null, "version" int not null default 1, "created_at" timestamptz not null, constraint "jurisdiction_pkey" primary key ("code"))',
    );
    this.addSql('create index "jurisdiction_parent_code_index" on "organisations"."jurisdiction" ("parent_code")');
    this.addSql(
      'create table "organisations"."organisation" ("id" uuid not null, "name" text not null, "kind" text not null, "jurisdiction_code" varchar(12) not null, "hotline" text null, "address" text null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "organisation_pkey" primary key ("id"))',
    );
    this.addSql(
      'create index "organisation_jurisdiction_code_index" on "organisations"."organisation" ("jurisdiction_code")',
    );
    this.addSql(
      'alter table "organisations"."jurisdiction" add constraint "jurisdiction_parent_code_foreign" foreign key ("parent_code") references "organisations"."jurisdiction" ("code") on update cascade on delete set null',
    );
    this.addSql(
      'alter table "organisations"."organisation" add constraint "organisation_jurisdiction_code_foreign" foreign key ("jurisdiction_code") references "organisations"."jurisdiction" ("code") on update cascade',
    );
  }
}
