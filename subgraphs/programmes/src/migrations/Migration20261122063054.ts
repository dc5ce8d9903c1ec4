import { Migration } from '@mikro-orm/migrations';

export class Migration20261122063054 extends Migration {
  override async up(): Promise<void> {
    // Programmes registered before kinds existed are OTHER until an administrator sets their kind.
    this.addSql(`alter table "programmes"."programme" add column "kind" text not null default 'OTHER'`);
    this.addSql('alter table "programmes"."programme" alter column "kind" drop default');
  }
}
