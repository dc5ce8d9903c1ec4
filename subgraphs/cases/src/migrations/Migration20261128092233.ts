import { Migration } from '@mikro-orm/migrations';

export class Migration20261128092233 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'alter table "cases"."hardship_case" add column "derived_priority_groups" text[] not null default \'{}\', add column "sensitive_priority_groups" text[] not null default \'{}\', add column "green_channel_facts" jsonb not null default \'[]\', add column "green_channel" boolean not null default false, add column "hukou_type" text null',
    );
    // Cases opened before the green channel was derived: in it when a group was ticked.
    this.addSql('update "cases"."hardship_case" set "green_channel" = cardinality("priority_groups") > 0');
    this.addSql(
      'alter table "cases"."hardship_case" alter column "derived_priority_groups" drop default, alter column "sensitive_priority_groups" drop default, alter column "green_channel_facts" drop default',
    );
    this.addSql('create index "hardship_case_green_channel_index" on "cases"."hardship_case" ("green_channel")');
    this.addSql('alter table "cases"."emergency_payment" add column "benefit_id" uuid null');
    this.addSql('alter table "cases"."referral" add column "to_organisation_kind" text null');
  }
}
