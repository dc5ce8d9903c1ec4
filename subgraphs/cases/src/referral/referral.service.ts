import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import {
  assertId,
  badInput,
  createOnce,
  DomainError,
  ErrorCode,
  isIsoDate,
  notFound,
  pageWindow,
  toConnection,
  orderByOf,
  forbidden,
  requirePermission,
  type Principal,
} from '@doudi/shared';
import { Referral } from './referral.entity.js';
import { CaseStatus } from '../case/case.entity.js';
import { getCase } from '../case/case.service.js';
import { assertCanSeeCase, oversees, visibleReferrals } from '../case/case.access.js';
import type { Loaders } from '../context.js';
import { REFERRAL_ORDER_COLUMNS, type CreateReferralInput, type ReferralListArgs } from './referral.inputs.js';

export async function getReferral(em: EntityManager, id: string): Promise<Referral> {
  const found = await em.findOne(Referral, { id: assertId('id', id) });
  if (!found) throw notFound('Referral', id);
  return found;
}

export async function listReferrals(em: EntityManager, principal: Principal, args: ReferralListArgs) {
  const window = pageWindow(args);
  const where: FilterQuery<Referral> = { $and: [visibleReferrals(em, principal)] };
  const filter = args.filter ?? {};
  if (filter.toOrganisationId) where.toOrganisationId = assertId('filter.toOrganisationId', filter.toOrganisationId);
  if (filter.fromOrganisationId)
    where.fromOrganisationId = assertId('filter.fromOrganisationId', filter.fromOrganisationId);
  if (filter.statuses?.length) where.status = { $in: filter.statuses };
  const [nodes, total] = await em.findAndCount(Referral, where, {
    ...window,
    orderBy: orderByOf(args.orderBy, REFERRAL_ORDER_COLUMNS, { createdAt: 'asc' }),
  });
  return toConnection(nodes, total, window);
}

export async function createReferral(
  em: EntityManager,
  principal: Principal,
  loaders: Loaders,
  input: CreateReferralInput,
): Promise<Referral> {
  requirePermission(principal, 'cases:write');
  const values = {
    caseId: assertId('input.caseId', input.caseId),
    fromOrganisationId: assertId('input.fromOrganisationId', input.fromOrganisationId),
    toOrganisationId: assertId('input.toOrganisationId', input.toOrganisationId),
    kind: input.kind,
    note: input.note?.trim() || null,
    dueDate: input.dueDate ?? null,
  };
  if (values.fromOrganisationId === values.toOrganisationId) {
    throw badInput('input.toOrganisationId', 'An organisation cannot refer a case to itself');
  }
  if (values.dueDate !== null && !isIsoDate(values.dueDate))
    throw badInput('input.dueDate', 'dueDate must be a real date, YYYY-MM-DD');
  if (values.note && values.note.length > 2000) throw badInput('input.note', 'A note is at most 2000 characters');

  return createOnce(
    em,
    'createReferral',
    input.idempotencyKey,
    values,
    async (tx) => {
      const found = await getCase(tx, values.caseId, 'input.caseId');
      await assertCanSeeCase(principal, found, loaders);
      // An agency refers in its own name; those overseeing the jurisdiction may record any sender.
      if (!oversees(principal, found.jurisdictionCode) && values.fromOrganisationId !== principal.organisationId) {
        throw forbidden('You can send referrals only from your own organisation', {
          field: 'input.fromOrganisationId',
        });
      }
      if (found.status !== CaseStatus.OPEN) {
        throw new DomainError(
          ErrorCode.INVALID_STATE,
          `Case ${found.id} is ${found.status}; referrals are made on open cases`,
        );
      }
      const created = Object.assign(new Referral(), values);
      tx.persist(created);
      return created;
    },
    (fresh, id) => getReferral(fresh, id),
  );
}
