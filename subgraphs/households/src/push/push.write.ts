/**
 * What a real push writes: the matched rows' facts with their history, the unmatched rows for the township, and
 * household.facts.changed for programmes.
 */
import { maskIdNumber, publishEvent, type Principal } from '@doudi/shared';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { PersonalDataVault } from '@doudi/shared';
import { Person } from '../person/person.entity.js';
import { Household } from '../household/household.entity.js';
import { HouseholdChange } from '../history/household-change.entity.js';
import { HOUSEHOLD_FIELDS, PERSON_FIELDS } from '../history/history.service.js';
import { DataPush, DataPushUnmatchedRow } from './push.entity.js';
import { DataPushOutcome } from './push.inputs.js';
import type { CheckedRow } from './push.rows.js';
import { insertMany, updateMany, WRITE_CHUNK, type Found } from './push.sql.js';

/** household.facts.changed carries at most this many households; a larger push publishes several events. */
export const EVENT_CHUNK = 1_000;

/** Compared as JSON, with undefined as null: a value read from the database and one a row gives compare alike. */
export const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** What a batch remembers from chunk to chunk: small, whatever its size. */
export interface Batch {
  /** Household facts set by an earlier row: the row and the value (two rows of one household must agree). */
  householdFacts: Map<string, Map<string, { row: number; value: unknown }>>;
  /** Households whose facts changed, with their places: household.facts.changed tells programmes. */
  touched: Map<string, { jurisdictionCode: string; residenceJurisdictionCode: string | null }>;
  outOfReach: number;
  /** Whether the pusher reaches a household's places (hukou|residence), asked once a pair. */
  reach: Map<string, boolean>;
}

/** A matched row's person and household as read (`original`) and as the row leaves them. */
export interface Matched {
  row: CheckedRow;
  person: Found['person'] & { original: Record<string, unknown> };
  household: Found['household'] & { original: Record<string, unknown> };
}

/**
 * A chunk's matched rows: one UPDATE … FROM jsonb_to_recordset per table (a single parameter, whatever the chunk's
 * size) and one history row per changed record with the office, the date of its data and the batch.
 */
export async function writeFacts(
  tx: EntityManager,
  principal: Principal,
  push: DataPush,
  source: string,
  matched: Matched[],
) {
  const persons = new Map<string, Matched['person']>();
  const households = new Map<string, Matched['household']>();
  const personFields = new Set<string>();
  const householdFields = new Set<string>();
  for (const { row, person, household } of matched) {
    for (const change of row.result.changes) {
      if (change.entityType === 'Person') {
        persons.set(person.id, person);
        personFields.add(change.field);
      } else {
        households.set(household.id, household);
        householdFields.add(change.field);
      }
    }
  }
  await updateMany(tx, Person.name, [...personFields], [...persons.values()]);
  await updateMany(tx, Household.name, [...householdFields], [...households.values()]);

  // History: the whole record as it stands afterwards, and what changed since it was read (`original`).
  const history: HouseholdChange[] = [];
  const add = (entityType: 'Person' | 'Household', record: Matched['person'] | Matched['household']) => {
    const snapshot = Object.fromEntries(
      (entityType === 'Person' ? PERSON_FIELDS : HOUSEHOLD_FIELDS).map((f) => [f, record[f] ?? null]),
    );
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const [field, from] of Object.entries(record.original))
      if (!same(from, snapshot[field])) changes[field] = { from: from ?? null, to: snapshot[field] };
    history.push(
      Object.assign(new HouseholdChange(), {
        householdId: entityType === 'Person' ? (record as Found['person']).householdId : record.id,
        entityType,
        entityId: record.id,
        changedById: principal.id,
        changedByOrganisationId: push.sourceOrganisationId,
        source,
        asOf: push.asOf,
        dataPushId: push.id,
        changes,
        snapshot,
      }),
    );
  };
  for (const person of persons.values()) add('Person', person);
  for (const household of households.values()) add('Household', household);
  for (let i = 0; i < history.length; i += WRITE_CHUNK)
    await insertMany(tx, HouseholdChange.name, history.slice(i, i + WRITE_CHUNK));
}

/** household.facts.changed, one event per EVENT_CHUNK households whose facts the push changed. */
export function publishFactsChanged(tx: EntityManager, push: DataPush, touched: Batch['touched']) {
  const ids = [...touched.keys()];
  for (let i = 0; i < ids.length; i += EVENT_CHUNK) {
    const chunk = ids.slice(i, i + EVENT_CHUNK);
    const codes = new Set<string>();
    for (const id of chunk) {
      const place = touched.get(id)!;
      codes.add(place.jurisdictionCode);
      if (place.residenceJurisdictionCode) codes.add(place.residenceJurisdictionCode);
    }
    publishEvent(tx, {
      type: 'household.facts.changed',
      aggregateId: push.id,
      payload: {
        householdIds: chunk,
        jurisdictionCodes: [...codes].sort(),
        source: push.sourceOrganisationId,
        asOf: push.asOf,
      },
    });
  }
}

export async function writeUnmatched(tx: EntityManager, vault: PersonalDataVault, push: DataPush, rows: CheckedRow[]) {
  let batch: DataPushUnmatchedRow[] = [];
  for (const row of rows) {
    if (row.result.outcome !== DataPushOutcome.UNMATCHED) continue;
    batch.push(
      Object.assign(new DataPushUnmatchedRow(), {
        dataPushId: push.id,
        row: row.row,
        kind: push.kind,
        jurisdictionCode: row.jurisdictionCode ?? push.jurisdictionCode,
        idNumberSealed: vault.encrypt(row.idNumber!),
        idNumberHash: row.idHash!,
        idNumberMasked: maskIdNumber(row.idNumber!),
        name: row.name,
        values: row.values,
      }),
    );
    if (batch.length >= WRITE_CHUNK) {
      await insertMany(tx, DataPushUnmatchedRow.name, batch);
      batch = [];
    }
  }
  if (batch.length) await insertMany(tx, DataPushUnmatchedRow.name, batch);
}
