import { Migration } from '@mikro-orm/migrations';

/** Why a benefit was filed on its own (备案, 临社救办发〔2015〕3号 二(一)). */
export class Migration20261128192225 extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table "programmes"."benefit" add column "filing_reason" text null');
  }
}
