import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { assertId, badInput, createOnce, notFound, pageWindow, toConnection, orderByOf } from '@doudi/shared';
import { Case } from './case.entity.js';
import { CASE_ORDER_COLUMNS, type CaseListArgs, type OpenCaseInput } from './case.inputs.js';

export async function getCase(em: EntityManager, id: string, field = 'id'): Promise<Case> {
  const found = await em.findOne(Case, { id: assertId(field, id) });
  if (!found) throw notFound('Case', id);
  return found;
}

export async function listCases(em: EntityManager, args: CaseListArgs) {
  const window = pageWindow(args);
  const where: FilterQuery<Case> = {};
  const filter = args.filter ?? {};
  if (filter.channels?.length) where.channel = { $in: filter.channels };
  if (filter.status) where.status = filter.status;
  if (filter.leadOrganisationId)
    where.leadOrganisationId = assertId('filter.leadOrganisationId', filter.leadOrganisationId);
  const [nodes, total] = await em.findAndCount(Case, where, {
    ...window,
    orderBy: orderByOf(args.orderBy, CASE_ORDER_COLUMNS, { openedAt: 'desc' }),
  });
  return toConnection(nodes, total, window);
}

export async function openCase(em: EntityManager, input: OpenCaseInput): Promise<Case> {
  const summary = input.summary?.trim();
  if (!summary || summary.length > 2000)
    throw badInput('input.summary', 'A summary is required and at most 2000 characters');
  const values = {
    householdId: assertId('input.householdId', input.householdId),
    leadOrganisationId: assertId('input.leadOrganisationId', input.leadOrganisationId),
    channel: input.channel,
    summary,
  };
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
