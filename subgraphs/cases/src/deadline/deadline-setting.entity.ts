import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import { MutableRecord } from '@doudi/shared';
import type { DeadlineRule } from './deadline.rules.js';

/** A jurisdiction's own time limit for a rule, replacing the regulation's figure there and below it. */
@Entity({ tableName: 'deadline_setting' })
@Unique({ properties: ['jurisdictionCode', 'rule'] })
export class DeadlineSetting extends MutableRecord {
  @Property({ type: 'string', length: 12 })
  jurisdictionCode: string;

  @Property({ type: 'text' })
  rule: DeadlineRule;

  @Property({ type: 'smallint' })
  amount: number;

  @Property({ type: 'text', nullable: true })
  reason: string | null = null;
}

/** That the time limits programmes kept before they moved here were copied, once (deadline.import.ts). */
@Entity({ tableName: 'deadline_setting_import' })
export class DeadlineSettingImport {
  @PrimaryKey({ type: 'text' })
  source: string;

  @Property({ type: 'datetime' })
  importedAt: Date = new Date();

  @Property({ type: 'integer' })
  settings: number;
}
