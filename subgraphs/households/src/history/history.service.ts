import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound, type Principal } from '@doudi/shared';
import { HouseholdChange } from './household-change.entity.js';
import { Household } from '../household/household.entity.js';
import { Person } from '../person/person.entity.js';

export const HOUSEHOLD_FIELDS = [
  'jurisdictionCode',
  'residenceJurisdictionCode',
  'hukouType',
  'address',
  'povertyMonitoringStatus',
  'povertyMonitoringSource',
  'povertyMonitoringSince',
  'housingAssistance',
  'disasterKind',
  'disasterDate',
  'disasterLossFen',
] as const;

// Sealed values never enter the history; their masked forms do, so a change of number is visible.
export const PERSON_FIELDS = [
  'name',
  'sex',
  'birthDate',
  'relationshipToHead',
  'idNumberMasked',
  'phoneMasked',
  'disabilityCategory',
  'disabilityGrade',
  'hasDisabilityCertificate',
  'seriousIllness',
  'chronicIllness',
  'schoolingStage',
  'employmentStatus',
  'workAbility',
  'veteranStatus',
  'orphan',
  'unattendedChild',
  'livesAlone',
  'unemployedSince',
  'reliefCategory',
  'admissionSchool',
  'admissionYear',
  'exitKind',
  'exitedOn',
  'exitSource',
] as const;

export function snapshotOf(entity: Household | Person): Record<string, unknown> {
  const fields: readonly string[] = entity instanceof Household ? HOUSEHOLD_FIELDS : PERSON_FIELDS;
  return Object.fromEntries(fields.map((f) => [f, (entity as unknown as Record<string, unknown>)[f] ?? null]));
}

/**
 * Records what changed on `entity` since `before` (null when it was just created) in the caller's unit of
 * work, so the change and its record are flushed — or rolled back — together.
 */
export function recordChange(
  em: EntityManager,
  principal: Principal,
  source: string,
  entity: Household | Person,
  before: Record<string, unknown> | null,
): void {
  if (!before) return void em.persist(creationChange(principal, source, entity));
  const after = snapshotOf(entity);
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [field, value] of Object.entries(after)) {
    if (JSON.stringify(before[field]) !== JSON.stringify(value)) changes[field] = { from: before[field], to: value };
  }
  if (Object.keys(changes).length) em.persist(changeRecord(principal, source, entity, changes, after));
}

/** The history row of a record just created (bulk import builds these itself and inserts them in batches). */
// A creation keeps no field-by-field changes: its snapshot is the whole record (see changesOf).
export function creationChange(principal: Principal, source: string, entity: Household | Person): HouseholdChange {
  return changeRecord(principal, source, entity, {}, snapshotOf(entity));
}

/** The field changes of a history row; a creation's are its snapshot's fields, each from nothing. */
export function changesOf(change: HouseholdChange): Record<string, { from: unknown; to: unknown }> {
  if (Object.keys(change.changes).length) return change.changes;
  return Object.fromEntries(Object.entries(change.snapshot).map(([field, to]) => [field, { from: null, to }]));
}

function changeRecord(
  principal: Principal,
  source: string,
  entity: Household | Person,
  changes: Record<string, { from: unknown; to: unknown }>,
  snapshot: Record<string, unknown>,
): HouseholdChange {
  return Object.assign(new HouseholdChange(), {
    householdId: entity instanceof Household ? entity.id : entity.householdId,
    entityType: entity instanceof Household ? 'Household' : 'Person',
    entityId: entity.id,
    changedById: principal.id,
    changedByOrganisationId: principal.organisationId,
    source,
    changes,
    snapshot,
  });
}

/** The end of a calendar day in Asia/Shanghai, as an instant: a decision of that day saw that day's facts. */
export function endOfDayShanghai(date: string): Date {
  return new Date(Date.parse(`${date}T23:59:59.999+08:00`));
}

export async function historyOf(em: EntityManager, householdId: string) {
  return em.find(HouseholdChange, { householdId }, { orderBy: [{ changedAt: 'asc' }, { id: 'asc' }] });
}

/**
 * The household and its members as they stood at the end of `date`: for each record, its latest snapshot
 * up to then. Members added later are absent; a household registered later is NOT_FOUND.
 */
export async function householdAsOf(em: EntityManager, householdId: string, date: string) {
  const until = endOfDayShanghai(date);
  const changes = await em.find(
    HouseholdChange,
    { householdId, changedAt: { $lte: until } },
    { orderBy: [{ changedAt: 'asc' }, { id: 'asc' }] },
  );
  const latest = new Map<string, HouseholdChange>();
  for (const change of changes) latest.set(change.entityId, change);
  const household = latest.get(householdId);
  if (!household) throw notFound('Household', `${householdId} on ${date}`);
  const members = [...latest.values()].filter((c) => c.entityType === 'Person');
  return {
    date,
    household: { id: householdId, changedAt: household.changedAt, ...household.snapshot },
    members: members.map((c) => ({ id: c.entityId, changedAt: c.changedAt, ...c.snapshot })),
  };
}
