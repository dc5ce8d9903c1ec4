import type { EntityManager } from '@mikro-orm/postgresql';
import {
  assertId,
  assertJurisdictionCode,
  isIsoDate,
  type DeliveredEvent,
  type EventHandlers,
  type ScreeningLeadFound,
} from '@doudi/shared';
import { ScreeningLead, type StoredMatch } from './screening-lead.entity.js';
import { LEAD_INTAKE_JOB } from './discovery.job.js';

/** The township of a 12-digit code (its first nine digits): where a lead about a family living there is opened. */
export const townshipOf = (code: string) => `${code.slice(0, 9)}000`;

function parseLead(event: DeliveredEvent): Omit<ScreeningLead, 'id' | 'receivedAt' | 'caseId' | 'problem'> {
  const payload = event.payload as unknown as ScreeningLeadFound;
  const situationKey = typeof payload.situationKey === 'string' ? payload.situationKey.trim() : '';
  if (!situationKey || situationKey.length > 200) throw new Error(`event ${event.eventId}: bad situationKey`);
  if (typeof payload.screenedOn !== 'string' || !isIsoDate(payload.screenedOn))
    throw new Error(`event ${event.eventId}: screenedOn is not a date`);
  if (!Array.isArray(payload.matches) || !Array.isArray(payload.keyGroups))
    throw new Error(`event ${event.eventId}: matches and keyGroups are lists`);
  if (!payload.matches.length && !payload.keyGroups.length)
    throw new Error(`event ${event.eventId}: a lead names a programme or a key group`);
  const matches: StoredMatch[] = payload.matches.map((m, i) => ({
    programmeId: assertId(`payload.matches.${i}.programmeId`, m.programmeId),
    programmeName: String(m.programmeName ?? ''),
    versionId: m.versionId ? assertId(`payload.matches.${i}.versionId`, m.versionId) : null,
    clause: String(m.clause ?? ''),
    facts: m.facts && typeof m.facts === 'object' ? m.facts : {},
  }));
  const residenceCode = assertJurisdictionCode('payload.residenceCode', payload.residenceCode);
  return {
    situationKey,
    householdId: assertId('payload.householdId', payload.householdId),
    hukouCode: assertJurisdictionCode('payload.hukouCode', payload.hukouCode),
    residenceCode,
    townshipCode: townshipOf(residenceCode),
    matches,
    keyGroups: payload.keyGroups.map(String),
    screenedOn: payload.screenedOn,
    eventId: event.eventId,
  };
}

/**
 * `screening.lead.found` (programmes → cases): keeps the lead once per situation — the unique situationKey makes a
 * redelivered event, or the same situation found by a later screening, change nothing. The intake job opens its case.
 */
export async function receiveScreeningLead(em: EntityManager, event: DeliveredEvent): Promise<void> {
  const lead = parseLead(event);
  const inserted = await em
    .createQueryBuilder(ScreeningLead)
    .insert({ ...new ScreeningLead(), ...lead })
    .onConflict(['situationKey'])
    .ignore()
    .execute('run');
  if (inserted.affectedRows > 0) await wakeLeadIntake(em);
}

/**
 * Asks the intake job to run now rather than at its next turn (after this delivery commits): its queued entry is
 * moved to now. Without a queue (not installed yet) the next turn opens the lead anyway.
 */
async function wakeLeadIntake(em: EntityManager): Promise<void> {
  const schema = `"${String(em.config.get('schema')).replace(/"/g, '""')}"`;
  const inTransaction = em.isInTransaction();
  // Inside a transaction a failed statement would abort it: the wake-up gets its own savepoint.
  if (inTransaction) await em.execute('savepoint wake_lead_intake');
  try {
    await em.execute(`select ${schema}.add_job(?, '{}'::json, job_key => ?, max_attempts => 32767)`, [
      `job:${LEAD_INTAKE_JOB}`,
      `job:${LEAD_INTAKE_JOB}`,
    ]);
    if (inTransaction) await em.execute('release savepoint wake_lead_intake');
  } catch {
    if (inTransaction) await em.execute('rollback to savepoint wake_lead_intake');
  }
}

export const discoveryEventHandlers: EventHandlers = { 'screening.lead.found': receiveScreeningLead };
