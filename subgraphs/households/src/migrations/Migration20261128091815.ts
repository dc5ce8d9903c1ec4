import { Migration } from '@mikro-orm/migrations';

export class Migration20261128091815 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create table "households"."throttle" ("key" varchar(255) not null, "points" int not null default 0, "expire" bigint null, constraint "throttle_pkey" primary key ("key"))',
    );
  }
}
