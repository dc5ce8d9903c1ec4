import { Migration } from '@mikro-orm/migrations';

/** Relief under review (临社救办发〔2015〕3号 二(二): 动态管理): review dates, flags, reviews and the notice of an ending. */
export class Migration20261128151500 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'alter table "programmes"."benefit" add column "review_due_on" date null, add column "review_flag_reason" text null, add column "review_flagged_at" timestamptz null, add column "review_flag_source" text null, add column "ending_notice_starts_on" date null, add column "ending_notice_ends_on" date null, add column "ending_reason" text null',
    );
    this.addSql(
      'create index "benefit_under_review_index" on "programmes"."benefit" ("jurisdiction_code") where "review_flag_reason" is not null',
    );
    this.addSql(
      `create index "benefit_review_due_on_index" on "programmes"."benefit" ("review_due_on") where "status" = 'ACTIVE' and "review_flag_reason" is null`,
    );
    this.addSql(
      'create table "programmes"."benefit_review" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "benefit_id" uuid not null, "outcome" text not null, "reason" text not null, "reviewed_on" date not null, "reviewed_by_id" uuid null, "flag_reason" text null, "flag_source" text null, "next_review_due_on" date null, "notice_ends_on" date null, constraint "benefit_review_pkey" primary key ("id"))',
    );
    this.addSql(
      'create index "benefit_review_benefit_id_reviewed_on_index" on "programmes"."benefit_review" ("benefit_id", "reviewed_on")',
    );
    this.addSql(
      'alter table "programmes"."benefit_review" add constraint "benefit_review_benefit_id_foreign" foreign key ("benefit_id") references "programmes"."benefit" ("id") on update cascade',
    );
  }
}
