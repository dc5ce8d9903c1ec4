import type { EntityManager } from '@mikro-orm/postgresql';
import { auditSchema, byKeyLoader, groupLoader, isUuid } from '@doudi/shared';
import { Person } from './person.entity.js';

/** A reveal in the audit log, with the household of the member it showed (Household.reveals, person.reveals.ts). */
export interface AuditRow {
  household_id: string;
  at: Date;
  entity_id: string;
  action: string;
  purpose: string | null;
  actor_kind: string;
  actor_id: string | null;
  organisation_id: string | null;
}

/** Reveals shown per household: the page shows the latest, the audit log keeps them all. */
const REVEALS_PER_HOUSEHOLD = 200;

/**
 * The audit log's reveals of the members of these households, most recent first, in one statement for a whole page
 * of households (a list asking for `reveals` costs one query, not two per row). The log is append-only; reading is
 * allowed.
 */
async function revealsOf(em: EntityManager, householdIds: readonly string[]): Promise<AuditRow[]> {
  return em.getConnection().execute(
    `select * from (
       select p.household_id, a.at, a.entity_id, a.action, a.purpose, a.actor_kind, a.actor_id, a.organisation_id,
              row_number() over (partition by p.household_id order by a.id desc) as n
         from "${auditSchema('households')}".audit_event a join person p on p.id::text = a.entity_id
        where a.entity_type = 'Person' and a.action in ('REVEAL_ID_NUMBER', 'REVEAL_PHONE')
          and p.household_id in (${householdIds.map(() => '?').join(', ')})) revealed
      where n <= ${REVEALS_PER_HOUSEHOLD} order by household_id, n`,
    [...householdIds],
  );
}

export function createPersonLoaders(em: EntityManager) {
  return {
    person: byKeyLoader(
      (ids) => em.find(Person, { id: { $in: ids.filter(isUuid) } }),
      (p) => p.id,
    ),
    reveals: groupLoader(
      (ids: readonly string[]) => revealsOf(em, ids),
      (row) => row.household_id,
    ),
  };
}

export type PersonLoaders = ReturnType<typeof createPersonLoaders>;
