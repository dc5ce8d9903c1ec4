import { Migration } from '@mikro-orm/migrations';

export class Migration20261122054358 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'alter table "households"."person" add column "id_number_sealed" text null, add column "id_number_hash" text null, add column "id_number_masked" text null, add column "phone_sealed" text null, add column "phone_masked" text null',
    );
    this.addSql(
      'alter table "households"."person" add constraint "person_id_number_hash_unique" unique ("id_number_hash")',
    );
  }
}
