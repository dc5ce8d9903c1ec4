import { Migration } from '@mikro-orm/migrations';

export class Migration20261128091658 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create table "organisations"."throttle" ("key" varchar(255) not null, "points" int not null default 0, "expire" bigint null, constraint "throttle_pkey" primary key ("key"))',
    );
    // Who registered an app, for separation of duties; apps registered before this answer for themselves (null).
    this.addSql('alter table "organisations"."api_client" add column "registered_by_id" uuid null');
  }
}
