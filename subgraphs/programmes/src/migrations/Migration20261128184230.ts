import { Migration } from '@mikro-orm/migrations';

/** Why a benefit ends (BenefitEndCause): a dibao or tekun that no longer qualifies ends after public notice (临社救办发〔2015〕3号 二(二)1). */
export class Migration20261128184230 extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table "programmes"."benefit" add column "end_cause" text null');
  }
}
