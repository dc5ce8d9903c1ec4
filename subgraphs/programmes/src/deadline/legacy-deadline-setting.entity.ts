import { Entity, Property, Unique } from '@mikro-orm/postgresql';
import { MutableRecord } from '@doudi/shared';

/**
 * A time limit a jurisdiction set while programmes kept them. They moved to cases (issue 11); this table stays,
 * frozen (no API writes it), until every cases deployment has copied it through deadline-settings.route.ts.
 * A later release drops both.
 */
@Entity({ tableName: 'deadline_setting' })
@Unique({ properties: ['jurisdictionCode', 'rule'] })
export class LegacyDeadlineSetting extends MutableRecord {
  @Property({ type: 'string', length: 12 })
  jurisdictionCode: string;

  @Property({ type: 'text' })
  rule: string;

  @Property({ type: 'smallint' })
  amount: number;

  @Property({ type: 'text', nullable: true })
  reason: string | null = null;
}
