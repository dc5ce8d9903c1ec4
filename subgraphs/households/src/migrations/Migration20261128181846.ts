import { Migration } from '@mikro-orm/migrations';

export class Migration20261128181846 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'alter table "households"."person" add column "exited_on" date null, add column "exit_kind" text null, add column "exit_source" text null',
    );
  }
}
