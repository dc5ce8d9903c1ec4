import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import {
  assertId,
  assertJurisdictionCode,
  createOnce,
  forbidden,
  notFound,
  orderByOf,
  pageWindow,
  requirePermission,
  toConnection,
  type Principal,
  requiredText,
} from '@doudi/shared';
import { Case } from './case.entity.js';
import { CASE_ORDER_COLUMNS, type CaseListArgs, type OpenCaseInput } from './case.inputs.js';
import { oversees, visibleCases } from './case.access.js';

export async function getCase(em: EntityManager, id: string, field = 'id'): Promise<Case> {
  const found = await em.findOne(Case, { id: assertId(field, id) });
  if (!found) throw notFound('Case', id);
  return found;
}

export async function listCases(em: EntityManager, principal: Principal, args: CaseListArgs) {
  const window = pageWindow(args);
  const where: FilterQuery<Case>[] = [visibleCases(em, principal)];
  const filter = args.filter ?? {};
  if (filter.channels?.length) where.push({ channel: { $in: filter.channels } });
  if (filter.status) where.push({ status: filter.status });
  if (filter.leadOrganisationId) {
    where.push({ leadOrganisationId: assertId('filter.leadOrganisationId', filter.leadOrganisationId) });
  }
  const [nodes, total] = await em.findAndCount(
    Case,
    { $and: where },
    { ...window, orderBy: orderByOf(args.orderBy, CASE_ORDER_COLUMNS, { openedAt: 'desc' }) },
  );
  return toConnection(nodes, total, window);
}

export async function openCase(em: EntityManager, principal: Principal, input: OpenCaseInput): Promise<Case> {
  const summary = requiredText('input.summary', input.summary, 2000, 'A summary');
  const values = {
    householdId: assertId('input.householdId', input.householdId),
    leadOrganisationId: assertId('input.leadOrganisationId', input.leadOrganisationId),
    jurisdictionCode: assertJurisdictionCode('input.jurisdictionCode', input.jurisdictionCode),
    channel: input.channel,
    summary,
  };
  requirePermission(principal, 'cases:write', values.jurisdictionCode);
  // An agency opens cases it leads itself; only those who oversee the jurisdiction assign another lead.
  if (!oversees(principal, values.jurisdictionCode) && values.leadOrganisationId !== principal.organisationId) {
    throw forbidden('You can open a case only with your own organisation as its lead', {
      field: 'input.leadOrganisationId',
    });
  }
  return createOnce(
    em,
    'openCase',
    input.idempotencyKey,
    values,
    async (tx) => {
      const created = Object.assign(new Case(), values);
      tx.persist(created);
      return created;
    },
    (fresh, id) => getCase(fresh, id),
  );
}
