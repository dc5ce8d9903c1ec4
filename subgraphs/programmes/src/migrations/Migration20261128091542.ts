import { Migration } from '@mikro-orm/migrations';

export class Migration20261128091542 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'alter table "programmes"."benefit" add column "proposed_by_actor_id" uuid null, add column "paid_first" boolean not null default false, add column "paid_by_organisation_id" uuid null',
    );
    this.addSql('create index "benefit_proposed_by_actor_id_index" on "programmes"."benefit" ("proposed_by_actor_id")');
    // Benefits proposed before actors were recorded: the proposing identity answers for itself.
    this.addSql(
      'update "programmes"."benefit" set "proposed_by_actor_id" = "proposed_by_id" where "proposed_by_actor_id" is null',
    );
  }
}
