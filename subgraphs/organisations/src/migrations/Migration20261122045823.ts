import { Migration } from '@mikro-orm/migrations';

export class Migration20261122045823 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create table "organisations"."auth_session" ("id" uuid not null, "kind" text not null, "principal_id" uuid not null, "issued_at" timestamptz not null, "expires_at" timestamptz not null, "revoked_at" timestamptz null, constraint "auth_session_pkey" primary key ("id"))',
    );
    this.addSql('create index "auth_session_principal_id_index" on "organisations"."auth_session" ("principal_id")');
    this.addSql(
      'create table "organisations"."api_client" ("id" uuid not null, "organisation_id" uuid not null, "name" text not null, "secret_hash" text not null, "scopes" text[] not null, "jurisdiction_code" varchar(12) not null, "deactivated_at" timestamptz null, "version" int not null default 1, "created_at" timestamptz not null, constraint "api_client_pkey" primary key ("id"))',
    );
    this.addSql('create index "api_client_organisation_id_index" on "organisations"."api_client" ("organisation_id")');
    this.addSql(
      'create table "organisations"."staff_account" ("id" uuid not null, "organisation_id" uuid not null, "username" text not null, "display_name" text not null, "password_hash" text not null, "roles" text[] not null, "jurisdiction_code" varchar(12) not null, "deactivated_at" timestamptz null, "last_sign_in_at" timestamptz null, "version" int not null default 1, "created_at" timestamptz not null, constraint "staff_account_pkey" primary key ("id"))',
    );
    this.addSql(
      'create index "staff_account_organisation_id_index" on "organisations"."staff_account" ("organisation_id")',
    );
    this.addSql(
      'alter table "organisations"."staff_account" add constraint "staff_account_username_unique" unique ("username")',
    );
    this.addSql(
      'alter table "organisations"."api_client" add constraint "api_client_organisation_id_foreign" foreign key ("organisation_id") references "organisations"."organisation" ("id") on update cascade',
    );
    this.addSql(
      'alter table "organisations"."api_client" add constraint "api_client_jurisdiction_code_foreign" foreign key ("jurisdiction_code") references "organisations"."jurisdiction" ("code") on update cascade',
    );
    this.addSql(
      'alter table "organisations"."staff_account" add constraint "staff_account_organisation_id_foreign" foreign key ("organisation_id") references "organisations"."organisation" ("id") on update cascade',
    );
    this.addSql(
      'alter table "organisations"."staff_account" add constraint "staff_account_jurisdiction_code_foreign" foreign key ("jurisdiction_code") references "organisations"."jurisdiction" ("code") on update cascade',
    );
    this.addSql(
      'alter table "organisations"."organisation" add column "liaison_name" text null, add column "liaison_phone" text null, add column "deactivated_at" timestamptz null',
    );
  }
}
