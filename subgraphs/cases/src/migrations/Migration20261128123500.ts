import { Migration } from '@mikro-orm/migrations';

/** The statistics' periods (statistics/statistics.sql.ts): cases received or closed, referrals sent, answered, declined. */
export class Migration20261128123500 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create index "hardship_case_received_on_jurisdiction_code_index" on "cases"."hardship_case" ("received_on", "jurisdiction_code")',
    );
    this.addSql(
      'create index "hardship_case_closed_on_jurisdiction_code_index" on "cases"."hardship_case" ("closed_on", "jurisdiction_code")',
    );
    this.addSql('create index "referral_sent_on_index" on "cases"."referral" ("sent_on")');
    this.addSql('create index "referral_answered_on_index" on "cases"."referral" ("answered_on")');
    this.addSql('create index "referral_declined_on_index" on "cases"."referral" ("declined_on")');
  }
}
