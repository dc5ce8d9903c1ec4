import { Migration } from '@mikro-orm/migrations';

/** A timeline entry names the document its step generated or attached (CaseEvent.document). */
export class Migration20261128221500 extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table "cases"."case_event" add column "document_id" uuid null');
  }

  override async down(): Promise<void> {
    this.addSql('alter table "cases"."case_event" drop column "document_id"');
  }
}
