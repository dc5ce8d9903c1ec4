import { Migration } from '@mikro-orm/migrations';

export class Migration20261122050710 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create table "organisations"."calendar_year" ("year" int not null, "declared_by_id" uuid null, "declared_at" timestamptz not null, constraint "calendar_year_pkey" primary key ("year"))',
    );
    this.addSql(
      'create table "organisations"."calendar_override" ("id" uuid not null, "jurisdiction_code" varchar(12) null, "date" date not null, "kind" text not null, "reason" text not null, "created_by_id" uuid null, "created_at" timestamptz not null, constraint "calendar_override_pkey" primary key ("id"))',
    );
    this.addSql(
      'create unique index "calendar_override_jurisdiction_code_date_unique" on "calendar_override" ("jurisdiction_code", "date") nulls not distinct',
    );
    this.addSql(
      'create table "organisations"."joint_meeting" ("id" uuid not null, "name" text not null, "jurisdiction_code" varchar(12) not null, "convenor" text null, "deputy_convenors" text[] not null, "office_organisation_id" uuid not null, "office_location" text null, "plenary_interval_months" int not null default 12, "annual_report_due_month" int not null default 1, "annual_report_due_day" int not null default 10, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "joint_meeting_pkey" primary key ("id"))',
    );
    this.addSql(
      'create index "joint_meeting_jurisdiction_code_index" on "organisations"."joint_meeting" ("jurisdiction_code")',
    );
    this.addSql(
      'create index "joint_meeting_office_organisation_id_index" on "organisations"."joint_meeting" ("office_organisation_id")',
    );
    this.addSql(
      'alter table "organisations"."joint_meeting" add constraint "joint_meeting_jurisdiction_code_name_unique" unique ("jurisdiction_code", "name")',
    );
    this.addSql(
      'create table "organisations"."member_annual_report" ("id" uuid not null, "meeting_id" uuid not null, "organisation_id" uuid not null, "year" int not null, "submitted_at" timestamptz not null, "summary" text not null, "version" int not null default 1, "created_at" timestamptz not null, constraint "member_annual_report_pkey" primary key ("id"))',
    );
    this.addSql(
      'create index "member_annual_report_meeting_id_index" on "organisations"."member_annual_report" ("meeting_id")',
    );
    this.addSql(
      'create index "member_annual_report_organisation_id_index" on "organisations"."member_annual_report" ("organisation_id")',
    );
    this.addSql(
      'alter table "organisations"."member_annual_report" add constraint "member_annual_report_meeting_id_organisation_id_year_unique" unique ("meeting_id", "organisation_id", "year")',
    );
    this.addSql(
      'create table "organisations"."joint_meeting_session" ("id" uuid not null, "meeting_id" uuid not null, "kind" text not null, "date" date not null, "title" text not null, "summary" text null, "version" int not null default 1, "created_at" timestamptz not null, constraint "joint_meeting_session_pkey" primary key ("id"))',
    );
    this.addSql(
      'create index "joint_meeting_session_meeting_id_index" on "organisations"."joint_meeting_session" ("meeting_id")',
    );
    this.addSql(
      'alter table "organisations"."joint_meeting_session" add constraint "joint_meeting_session_meeting_id_date_title_unique" unique ("meeting_id", "date", "title")',
    );
    this.addSql(
      'create table "organisations"."joint_meeting_member" ("id" uuid not null, "meeting_id" uuid not null, "organisation_id" uuid not null, "role" text not null default \'MEMBER\', "liaison_name" text null, "liaison_phone" text null, "joined_at" timestamptz not null, "left_at" timestamptz null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "joint_meeting_member_pkey" primary key ("id"))',
    );
    this.addSql(
      'create index "joint_meeting_member_meeting_id_index" on "organisations"."joint_meeting_member" ("meeting_id")',
    );
    this.addSql(
      'create index "joint_meeting_member_organisation_id_index" on "organisations"."joint_meeting_member" ("organisation_id")',
    );
    this.addSql(
      'create unique index "joint_meeting_member_current_unique" on "joint_meeting_member" ("meeting_id", "organisation_id") where "left_at" is null',
    );
    this.addSql(
      'create table "organisations"."agreed_action" ("id" uuid not null, "session_id" uuid not null, "description" text not null, "owner_organisation_id" uuid not null, "due_date" date null, "status" text not null default \'OPEN\', "done_at" timestamptz null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "agreed_action_pkey" primary key ("id"))',
    );
    this.addSql('create index "agreed_action_session_id_index" on "organisations"."agreed_action" ("session_id")');
    this.addSql(
      'create index "agreed_action_owner_organisation_id_index" on "organisations"."agreed_action" ("owner_organisation_id")',
    );
    this.addSql(
      'alter table "organisations"."calendar_override" add constraint "calendar_override_jurisdiction_code_foreign" foreign key ("jurisdiction_code") references "organisations"."jurisdiction" ("code") on update cascade on delete cascade',
    );
    this.addSql(
      'alter table "organisations"."joint_meeting" add constraint "joint_meeting_jurisdiction_code_foreign" foreign key ("jurisdiction_code") references "organisations"."jurisdiction" ("code") on update cascade',
    );
    this.addSql(
      'alter table "organisations"."joint_meeting" add constraint "joint_meeting_office_organisation_id_foreign" foreign key ("office_organisation_id") references "organisations"."organisation" ("id") on update cascade',
    );
    this.addSql(
      'alter table "organisations"."member_annual_report" add constraint "member_annual_report_meeting_id_foreign" foreign key ("meeting_id") references "organisations"."joint_meeting" ("id") on update cascade',
    );
    this.addSql(
      'alter table "organisations"."member_annual_report" add constraint "member_annual_report_organisation_id_foreign" foreign key ("organisation_id") references "organisations"."organisation" ("id") on update cascade',
    );
    this.addSql(
      'alter table "organisations"."joint_meeting_session" add constraint "joint_meeting_session_meeting_id_foreign" foreign key ("meeting_id") references "organisations"."joint_meeting" ("id") on update cascade',
    );
    this.addSql(
      'alter table "organisations"."joint_meeting_member" add constraint "joint_meeting_member_meeting_id_foreign" foreign key ("meeting_id") references "organisations"."joint_meeting" ("id") on update cascade',
    );
    this.addSql(
      'alter table "organisations"."joint_meeting_member" add constraint "joint_meeting_member_organisation_id_foreign" foreign key ("organisation_id") references "organisations"."organisation" ("id") on update cascade',
    );
    this.addSql(
      'alter table "organisations"."agreed_action" add constraint "agreed_action_session_id_foreign" foreign key ("session_id") references "organisations"."joint_meeting_session" ("id") on update cascade',
    );
    this.addSql(
      'alter table "organisations"."agreed_action" add constraint "agreed_action_owner_organisation_id_foreign" foreign key ("owner_organisation_id") references "organisations"."organisation" ("id") on update cascade',
    );
  }
}
