import type { EntityManager } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import {
  encodeSyncCursor,
  exactUpdatedAt,
  listScope,
  syncHorizon,
  syncWindow,
  SyncConnectionType,
  type PageArgs,
  type Principal,
  type SyncConnection,
} from '@doudi/shared';

export enum HouseholdRemovalReason {
  MOVED_AWAY = 'MOVED_AWAY',
}
registerEnumType(HouseholdRemovalReason, {
  name: 'HouseholdRemovalReason',
  valuesConfig: {
    MOVED_AWAY: {
      description:
        'The family moved its residence out of your jurisdiction, and its hukou place is not in it either ' +
        '(河鱼府发【2021】39号 二(二): the place of residence discovers, the hukou place decides).',
    },
  },
});

/** A tombstone of incremental sync (docs/sync.md): a household the caller held that left its reach, and when. */
@ObjectType({ description: 'A household that left your reach: drop your copy of it (docs/sync.md).' })
export class HouseholdRemoval {
  @Field(() => ID)
  householdId: string;

  @Field(() => Date, { description: 'When it left your reach.' })
  removedAt: Date;

  @Field(() => HouseholdRemovalReason)
  reason: HouseholdRemovalReason;
}

@ObjectType()
export class HouseholdRemovalConnection extends SyncConnectionType(HouseholdRemoval) {}

/**
 * The moves of residence recorded in the history since `since` that took a household out of the caller's reach —
 * it lived in the caller's subtree before the move, and neither its hukou place nor its residence is in it now (one
 * that moved back is in reach again, and in the households sync). In (removedAt, id) order by cursor.
 */
export async function householdRemovals(
  em: EntityManager,
  principal: Principal,
  args: PageArgs,
  since: Date,
): Promise<SyncConnection<HouseholdRemoval>> {
  const window = syncWindow(args, since, 'since');
  const prefix = listScope(principal, 'households:read');
  const until = window.until ?? (await syncHorizon(em));
  if (prefix === null) {
    return { nodes: [], totalCount: 0, syncedUntil: until, pageInfo: { hasNextPage: false, endCursor: null } };
  }
  const knex = em.getKnex();
  const bindings = {
    since,
    prefix: `${prefix}%`,
    at: window.after?.at ?? null,
    after: window.after?.id ?? null,
  };
  const from = `from household_change hc join household h on h.id = hc.household_id
    where hc.entity_type = 'Household' and (hc.changes -> 'residenceJurisdictionCode') is not null
      and hc.changed_at >= :since
      and coalesce(hc.changes -> 'residenceJurisdictionCode' ->> 'from', h.jurisdiction_code) like :prefix
      and h.jurisdiction_code not like :prefix
      and coalesce(h.residence_jurisdiction_code, h.jurisdiction_code) not like :prefix
      ${window.after ? 'and (hc.changed_at, hc.id) > (cast(:at as timestamptz), cast(:after as uuid))' : ''}`;
  const [rows, [{ total }]] = await Promise.all([
    knex
      .raw(
        `select hc.id, hc.household_id, ${exactUpdatedAt('hc', 'changed_at')} as sync_at ${from}
         order by hc.changed_at, hc.id limit :limit`,
        { ...bindings, limit: window.limit + 1 },
      )
      .then((r: { rows: { id: string; household_id: string; sync_at: string }[] }) => r.rows),
    knex
      .raw(`select cast(count(*) as int) as total ${from}`, bindings)
      .then((r: { rows: { total: number }[] }) => r.rows),
  ]);
  const page = rows.slice(0, window.limit);
  const last = page[page.length - 1];
  return {
    nodes: page.map((row) =>
      Object.assign(new HouseholdRemoval(), {
        householdId: row.household_id,
        removedAt: new Date(row.sync_at),
        reason: HouseholdRemovalReason.MOVED_AWAY,
      }),
    ),
    totalCount: total,
    syncedUntil: until,
    pageInfo: {
      hasNextPage: rows.length > window.limit,
      endCursor: last ? encodeSyncCursor(last.sync_at, last.id, until) : null,
    },
  };
}
