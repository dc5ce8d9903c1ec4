import { Migration } from '@mikro-orm/migrations';

export class Migration20261128151500 extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table "organisations"."organisation" add column "deactivation_reason" text null');
  }
}
