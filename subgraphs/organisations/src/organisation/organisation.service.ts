import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import {
  assertId,
  assertJurisdictionCode,
  assertVersion,
  badInput,
  createOnce,
  notFound,
  pageWindow,
  toConnection,
  orderByOf,
  requirePermission,
  type Principal,
  requiredText,
  subtreeOf,
  forbidden,
} from '@doudi/shared';
import { Organisation } from './organisation.entity.js';
import { Jurisdiction } from '../jurisdiction/jurisdiction.entity.js';
import {
  ORGANISATION_ORDER_COLUMNS,
  type CreateOrganisationInput,
  type OrganisationListArgs,
  type UpdateOrganisationInput,
} from './organisation.inputs.js';
import { ApiClient, StaffAccount } from '../account/account.entities.js';
import { assertGrantable, revokeSessionsOf } from '../account/account.service.js';

const PHONE = /^[0-9+\-() ]{3,30}$/;

export async function getOrganisation(em: EntityManager, id: string): Promise<Organisation> {
  const organisation = await em.findOne(Organisation, { id: assertId('id', id) });
  if (!organisation) throw notFound('Organisation', id);
  return organisation;
}

export async function listOrganisations(em: EntityManager, args: OrganisationListArgs) {
  const window = pageWindow(args);
  const where: FilterQuery<Organisation> = {};
  const filter = args.filter ?? {};
  if (filter.jurisdictionCode) {
    where.jurisdictionCode = subtreeOf('filter.jurisdictionCode', filter.jurisdictionCode);
  }
  if (filter.kinds?.length) where.kind = { $in: filter.kinds };
  const name = filter.nameContains?.trim();
  if (name) {
    if (name.length > 100) throw badInput('filter.nameContains', 'Search with at most 100 characters');
    where.name = { $ilike: `%${name.replace(/[\\%_]/g, (c) => `\\${c}`)}%` };
  }
  if (filter.active === true) where.deactivatedAt = null;
  if (filter.active === false) where.deactivatedAt = { $ne: null };
  const [nodes, total] = await em.findAndCount(Organisation, where, {
    ...window,
    orderBy: orderByOf(args.orderBy, ORGANISATION_ORDER_COLUMNS, { jurisdictionCode: 'asc' }),
  });
  return toConnection(nodes, total, window);
}

export async function createOrganisation(
  em: EntityManager,
  principal: Principal,
  input: CreateOrganisationInput,
): Promise<Organisation> {
  const name = requiredText('input.name', input.name, 100, 'A name');
  const jurisdictionCode = assertJurisdictionCode('input.jurisdictionCode', input.jurisdictionCode);
  requirePermission(principal, 'organisations:write', jurisdictionCode);
  const hotline = input.hotline?.trim() || null;
  if (hotline && !PHONE.test(hotline))
    throw badInput('input.hotline', 'A hotline holds digits, spaces and + - ( ) only');
  const values = { name, kind: input.kind, jurisdictionCode, hotline, address: input.address?.trim() || null };

  return createOnce(
    em,
    'createOrganisation',
    input.idempotencyKey,
    values,
    async (tx) => {
      if (!(await tx.count(Jurisdiction, { code: jurisdictionCode }))) {
        throw notFound('Jurisdiction', jurisdictionCode);
      }
      const organisation = Object.assign(new Organisation(), values);
      tx.persist(organisation);
      return organisation;
    },
    (fresh, id) => getOrganisation(fresh, id),
  );
}

function checkedPhone(field: string, value: string | undefined | null) {
  const phone = value?.trim() || null;
  if (phone && !PHONE.test(phone)) throw badInput(field, 'A telephone number holds digits, spaces and + - ( ) only');
  return phone;
}

export async function updateOrganisation(em: EntityManager, principal: Principal, input: UpdateOrganisationInput) {
  const organisation = await getOrganisation(em, input.id);
  requirePermission(principal, 'organisations:write', organisation.jurisdictionCode);
  assertVersion(organisation, input.version, 'Organisation');
  if (input.name !== undefined) {
    const name = requiredText('input.name', input.name, 100, 'A name');
    organisation.name = name;
  }
  if (input.hotline !== undefined) organisation.hotline = checkedPhone('input.hotline', input.hotline);
  if (input.liaisonPhone !== undefined)
    organisation.liaisonPhone = checkedPhone('input.liaisonPhone', input.liaisonPhone);
  if (input.address !== undefined) organisation.address = input.address?.trim() || null;
  if (input.liaisonName !== undefined) organisation.liaisonName = input.liaisonName?.trim() || null;
  await em.flush();
  return organisation;
}

/**
 * Deactivating an organisation takes away its staff's and apps' access, so it asks what deactivating each
 * of them would (issue 10 item 3): an app may not take people's access away, and nobody may take away
 * roles or scopes they do not hold themselves.
 */
async function assertMayRevokeAccessOf(em: EntityManager, principal: Principal, organisationId: string) {
  const staff = await em.find(StaffAccount, { organisationId, deactivatedAt: null }, { fields: ['roles'] });
  const clients = await em.find(ApiClient, { organisationId, deactivatedAt: null }, { fields: ['scopes'] });
  if (staff.length && principal.kind !== 'STAFF')
    throw forbidden('An app may not take away the access of people (their organisation has active staff accounts)', {
      permission: 'staff:manage',
    });
  assertGrantable(
    principal,
    [...new Set(staff.flatMap((a) => a.roles))],
    [...new Set(clients.flatMap((c) => c.scopes))],
  );
}

/** History stays; its staff and apps can no longer sign in, and their open tokens are revoked. */
export async function deactivateOrganisation(em: EntityManager, principal: Principal, id: string, reason?: string) {
  const organisation = await getOrganisation(em, id);
  const why = reason?.trim() || null;
  if (why && why.length > 500) throw badInput('input.reason', 'A reason has at most 500 characters');
  requirePermission(principal, 'organisations:write', organisation.jurisdictionCode);
  await assertMayRevokeAccessOf(em, principal, organisation.id);
  return em.transactional(async (tx) => {
    if (!organisation.deactivatedAt) {
      organisation.deactivatedAt = new Date();
      organisation.deactivationReason = why;
    }
    tx.persist(organisation);
    await tx.flush();
    const accounts = await tx.find(StaffAccount, { organisationId: organisation.id }, { fields: ['id'] });
    const clients = await tx.find(ApiClient, { organisationId: organisation.id }, { fields: ['id'] });
    await revokeSessionsOf(
      tx,
      [...accounts, ...clients].map((a) => a.id),
    );
    return organisation;
  });
}
