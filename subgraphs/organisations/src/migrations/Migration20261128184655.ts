import { Migration } from '@mikro-orm/migrations';

/** Close relatives declared by staff and village committee members (备案, 临社救办发〔2015〕3号 二(一)), sealed. */
export class Migration20261128184655 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create table "organisations"."close_relative_declaration" ("id" uuid not null, "organisation_id" uuid not null, "account_id" uuid null, "declarant_name_sealed" text null, "relative_name_sealed" text not null, "relationship" text not null, "id_number_hash" text not null, "id_number_sealed" text not null, "declared_by_id" uuid null, "declared_at" timestamptz not null, "withdrawn_at" timestamptz null, "withdrawal_reason" text null, constraint "close_relative_declaration_pkey" primary key ("id"))',
    );
    this.addSql(
      'create index "close_relative_declaration_organisation_id_index" on "organisations"."close_relative_declaration" ("organisation_id")',
    );
    this.addSql(
      'create index "close_relative_declaration_account_id_index" on "organisations"."close_relative_declaration" ("account_id")',
    );
    this.addSql(
      'create index "close_relative_declaration_id_number_hash_index" on "organisations"."close_relative_declaration" ("id_number_hash")',
    );
  }
}
