import { Migration } from '@mikro-orm/migrations';

export class Migration20261122072908 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'alter table "programmes"."benefit" add column "period_start" date null, add column "period_end" date null',
    );
  }
}
