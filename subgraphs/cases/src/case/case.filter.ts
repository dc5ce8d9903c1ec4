import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { assertId, assertJurisdictionCode, badInput, codePrefix, optionalDate, shanghaiDate } from '@doudi/shared';
import type { Case } from './case.entity.js';
import type { CaseFilter } from './case.inputs.js';

/**
 * The ids of the cases with something overdue today, as one SQL subquery: the same rule as the `overdue` fields
 * of CaseTask, Referral and FollowUp (deadline.service.ts isOverdue), so a list filtered on it and the rows it
 * shows agree.
 */
function overdueCaseIds(em: EntityManager, today: string) {
  const knex = em.getKnex();
  return knex
    .select('case_id')
    .from('case_task')
    .where('status', 'OPEN')
    .andWhere('due_date', '<', today)
    .union((q) => {
      q.select('case_id').from('referral').whereIn('status', ['SENT', 'ACCEPTED']).andWhere('due_date', '<', today);
    })
    .union((q) => {
      q.select('case_id').from('follow_up').whereNull('visited_on').andWhere('due_on', '<', today);
    });
}

/** A CaseFilter as conditions on the case table (the caller's visibility is added by listCases). */
export function caseConditions(em: EntityManager, filter: CaseFilter, today = shanghaiDate()): FilterQuery<Case>[] {
  const where: FilterQuery<Case>[] = [];
  if (filter.channels?.length) where.push({ channel: { $in: filter.channels } });
  if (filter.status) where.push({ status: filter.status });
  if (filter.stages?.length) where.push({ stage: { $in: filter.stages } });
  if (filter.greenChannel !== undefined && filter.greenChannel !== null) {
    where.push({ greenChannel: filter.greenChannel });
  }
  if (filter.leadOrganisationId) {
    where.push({ leadOrganisationId: assertId('filter.leadOrganisationId', filter.leadOrganisationId) });
  }
  if (filter.jurisdictionCode) {
    const code = assertJurisdictionCode('filter.jurisdictionCode', filter.jurisdictionCode);
    where.push({ jurisdictionCode: { $like: `${codePrefix(code)}%` } });
  }
  const from = optionalDate('filter.receivedFrom', filter.receivedFrom);
  const to = optionalDate('filter.receivedTo', filter.receivedTo);
  if (from && to && from > to) throw badInput('filter.receivedTo', 'receivedTo is before receivedFrom');
  if (from) where.push({ receivedOn: { $gte: from } });
  if (to) where.push({ receivedOn: { $lte: to } });
  if (filter.overdue === true) where.push({ id: { $in: overdueCaseIds(em, today) as never } });
  if (filter.overdue === false) where.push({ id: { $nin: overdueCaseIds(em, today) as never } });
  return where;
}
