import { Migration } from '@mikro-orm/migrations';

/**
 * The screening's states default in the database as in the entities (a run is QUEUED, a warning OPEN when first
 * written), so the committed migrations build exactly what the entities describe.
 */
export class Migration20261128170100 extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table "programmes"."early_warning" alter column "status" set default \'OPEN\'');
    this.addSql('alter table "programmes"."screening_run" alter column "status" set default \'QUEUED\'');
  }
}
