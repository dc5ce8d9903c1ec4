import { Migration } from '@mikro-orm/migrations';

/**
 * The case list's default order, newest first with the green channel among equals (case.service.ts): a page of
 * the newest cases reads a few index entries instead of sorting every case the caller sees (issue 16 item 2).
 */
export class Migration20261128215500 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create index "hardship_case_list_order_index" on "cases"."hardship_case" ("opened_at" desc, "green_channel" desc, "id")',
    );
  }
}
