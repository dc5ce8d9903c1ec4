import { Migration } from '@mikro-orm/migrations';

export class Migration20261128122158 extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table "organisations"."notification" alter column "case_id" drop default');
    this.addSql(
      'alter table "organisations"."notification" alter column "case_id" type uuid using ("case_id"::text::uuid)',
    );
    this.addSql('alter table "organisations"."notification" alter column "case_id" drop not null');
  }
}
