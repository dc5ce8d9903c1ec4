import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { newId } from '@doudi/shared';
import { Household } from '../household/household.entity.js';

/**
 * One change to a household or a member (issue 4 point 3): who, when, from which source, the old and new
 * values, and the whole record as it stood afterwards — so a household can be read as of any date, the
 * facts a decision of that day was taken on. Rows are only ever added.
 */
@Entity({ tableName: 'household_change' })
@Index({ properties: ['householdId', 'changedAt'] })
// The tombstones of the households sync (householdRemovals, docs/sync.md) read the moves of residence by time.
@Index({
  name: 'household_change_residence_moves_index',
  expression:
    'create index "household_change_residence_moves_index" on "households"."household_change" ("changed_at", "id") ' +
    `where "entity_type" = 'Household' and ("changes" -> 'residenceJurisdictionCode') is not null`,
})
export class HouseholdChange {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne({ entity: () => Household, mapToPk: true, fieldName: 'household_id' })
  householdId: string;

  @Property({ type: 'text' })
  entityType: 'Household' | 'Person';

  @Property({ type: 'uuid' })
  entityId: string;

  @Property({ type: 'datetime' })
  changedAt: Date = new Date();

  @Property({ type: 'text', nullable: true })
  changedById: string | null = null;

  @Property({ type: 'text', nullable: true })
  changedByOrganisationId: string | null = null;

  /** Where the facts came from: 入户核查, 申请人申报, 农业农村局推送, 批量导入 … */
  @Property({ type: 'text' })
  source: string;

  /** The date of the data, when a department's push made the change (河鱼府发【2021】39号 二(四)). */
  @Property({ type: 'date', nullable: true })
  asOf: string | null = null;

  /** The department's push (DataPush) that made the change. */
  @Property({ type: 'uuid', nullable: true })
  dataPushId: string | null = null;

  @Property({ type: 'json' })
  changes: Record<string, { from: unknown; to: unknown }>;

  @Property({ type: 'json' })
  snapshot: Record<string, unknown>;
}
