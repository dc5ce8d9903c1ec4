import { Migration } from '@mikro-orm/migrations';

export class Migration20261122044022 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create table "programmes"."idempotency_key" ("operation" text not null, "key" text not null, "request_hash" text not null, "entity_id" text null, "created_at" timestamptz not null default now(), constraint "idempotency_key_pkey" primary key ("operation", "key"))',
    );
    this.addSql(
      'create table "programmes"."programme" ("id" uuid not null, "name" text not null, "description" text null, "jurisdiction_code" varchar(12) not null, "organisation_id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "programme_pkey" primary key ("id"))',
    );
    this.addSql('create index "programme_jurisdiction_code_index" on "programmes"."programme" ("jurisdiction_code")');
    this.addSql('create index "programme_organisation_id_index" on "programmes"."programme" ("organisation_id")');
  }
}
