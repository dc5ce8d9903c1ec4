import { Migration } from '@mikro-orm/migrations';

/** The supervision and report hotline a division publishes (临社救办发〔2015〕3号 二(一)). */
export class Migration20261128182754 extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table "organisations"."jurisdiction" add column "supervision_hotline" text null');
  }
}
