import { Migration } from '@mikro-orm/migrations';

/** The tombstones of the households sync (householdRemovals, docs/sync.md): the moves of residence by time. */
export class Migration20261128221500 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create index "household_change_residence_moves_index" on "households"."household_change" ("changed_at", "id") ' +
        `where "entity_type" = 'Household' and ("changes" -> 'residenceJurisdictionCode') is not null`,
    );
  }

  override async down(): Promise<void> {
    this.addSql('drop index if exists "households"."household_change_residence_moves_index"');
  }
}
