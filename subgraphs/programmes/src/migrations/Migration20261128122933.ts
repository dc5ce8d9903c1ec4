import { Migration } from '@mikro-orm/migrations';

export class Migration20261128122933 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create index "benefit_granted_on_jurisdiction_code_index" on "programmes"."benefit" ("granted_on", "jurisdiction_code")',
    );
  }
}
