import { Migration } from '@mikro-orm/migrations';

/**
 * 临社救办发〔2015〕3号 二(八) (缩短审批时限): time limits of approval by kind, a proposal's decision due date and the
 * reminders and escalations sent for it.
 */
export class Migration20261128183035 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create table "programmes"."approval_time_limit" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "jurisdiction_code" varchar(12) not null, "programme_kind" text not null, "working_days" smallint not null, "reason" text null, "set_by_id" uuid null, constraint "approval_time_limit_pkey" primary key ("id"))',
    );
    this.addSql(
      'alter table "programmes"."approval_time_limit" add constraint "approval_time_limit_jurisdiction_code_programme_kind_unique" unique ("jurisdiction_code", "programme_kind")',
    );
    this.addSql(
      'create table "programmes"."benefit_decision_notice" ("id" uuid not null, "benefit_id" uuid not null, "level" text not null, "due_date" date not null, "sent_at" timestamptz not null, constraint "benefit_decision_notice_pkey" primary key ("id"))',
    );
    this.addSql(
      'alter table "programmes"."benefit_decision_notice" add constraint "benefit_decision_notice_benefit_id_level_due_date_unique" unique ("benefit_id", "level", "due_date")',
    );
    this.addSql(
      'alter table "programmes"."benefit_decision_notice" add constraint "benefit_decision_notice_benefit_id_foreign" foreign key ("benefit_id") references "programmes"."benefit" ("id") on update cascade',
    );
    this.addSql('alter table "programmes"."benefit" add column "decision_due_on" date null');
    this.addSql(
      'create index "benefit_decision_due_on_index" on "programmes"."benefit" ("decision_due_on") where "status" = \'PROPOSED\'',
    );
  }
}
