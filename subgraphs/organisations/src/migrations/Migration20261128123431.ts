import { Migration } from '@mikro-orm/migrations';

export class Migration20261128123431 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create table "organisations"."annual_summary" ("id" uuid not null, "meeting_id" uuid not null, "year" int not null, "session_id" uuid not null, "approved_at" timestamptz not null, "approved_by" uuid null, "figures" jsonb not null, "member_reports" jsonb not null, constraint "annual_summary_pkey" primary key ("id"))',
    );
    this.addSql('create index "annual_summary_meeting_id_index" on "organisations"."annual_summary" ("meeting_id")');
    this.addSql(
      'alter table "organisations"."annual_summary" add constraint "annual_summary_meeting_id_year_unique" unique ("meeting_id", "year")',
    );
    this.addSql(
      'alter table "organisations"."annual_summary" add constraint "annual_summary_meeting_id_foreign" foreign key ("meeting_id") references "organisations"."joint_meeting" ("id") on update cascade',
    );
    this.addSql(
      'alter table "organisations"."annual_summary" add constraint "annual_summary_session_id_foreign" foreign key ("session_id") references "organisations"."joint_meeting_session" ("id") on update cascade',
    );
  }
}
