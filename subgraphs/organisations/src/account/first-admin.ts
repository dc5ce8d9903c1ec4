import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { conflict, isUuid, notFound, recordAudit, type Principal } from '@doudi/shared';
import { StaffAccount } from './account.entities.js';
import { createStaffAccount } from './account.service.js';
import { Organisation, OrganisationKind } from '../organisation/organisation.entity.js';
import { createOrganisation } from '../organisation/organisation.service.js';
import { Jurisdiction } from '../jurisdiction/jurisdiction.entity.js';
import { createJurisdiction } from '../jurisdiction/jurisdiction.service.js';

export interface FirstAdminInput {
  username: string;
  displayName?: string;
  /** Omitted: one is generated and returned, to be shown once. */
  password?: string;
  /** An existing organisation's id, or the name of one to find or create in `jurisdictionCode`. */
  organisation: string;
  /** Where a new organisation serves; created as a province when it does not exist and a name is given. */
  jurisdictionCode?: string;
  jurisdictionName?: string;
  kind?: OrganisationKind;
}

export interface FirstAdmin {
  account: StaffAccount;
  organisation: Organisation;
  /** Set only when the password was generated here. */
  generatedPassword?: string;
}

/**
 * Who the one-time command acts as: the operator holding the database's credentials, for this transaction
 * only. It never signs in and has no session; the audit row names it.
 */
const INSTALLER: Principal = Object.freeze({
  kind: 'STAFF',
  id: null,
  organisationId: null,
  jurisdictionCode: null,
  roles: ['SYSTEM_ADMIN'],
  scopes: [],
  actorId: null,
}) as Principal;

/**
 * Creates the first SYSTEM_ADMIN of a production installation (README, "The first administrator"): demo
 * data never loads sign-ins in production, so this is the only way in. It refuses while an active system
 * administrator exists (they create the others through createStaffAccount), and concurrent runs queue on a
 * lock so it happens once. The account goes through the same checks as createStaffAccount (username,
 * password strength) and an audit row records it.
 */
export async function createFirstAdmin(em: EntityManager, input: FirstAdminInput): Promise<FirstAdmin> {
  const generatedPassword = input.password ? undefined : `${randomBytes(18).toString('base64url')}`;
  const password = input.password ?? generatedPassword!;
  return em.transactional(async (tx) => {
    await tx
      .getConnection()
      .execute(
        `select pg_advisory_xact_lock(hashtext('doudi.create-first-admin'))`,
        [],
        'get',
        tx.getTransactionContext(),
      );
    const existing = await tx.count(StaffAccount, { roles: { $contains: ['SYSTEM_ADMIN'] }, deactivatedAt: null });
    if (existing)
      throw conflict('A system administrator already exists: they create further accounts by signing in', {
        field: 'username',
      });
    const organisation = await organisationFor(tx, input);
    const account = await createStaffAccount(tx, INSTALLER, {
      organisationId: organisation.id,
      username: input.username,
      displayName: input.displayName ?? input.username,
      password,
      roles: ['SYSTEM_ADMIN'],
    });
    await recordAudit(tx, 'organisations', INSTALLER, {
      action: 'CREATE_FIRST_ADMIN',
      entityType: 'StaffAccount',
      entityId: account.id,
      detail: { username: account.username, organisationId: organisation.id },
    });
    return { account, organisation, generatedPassword };
  });
}

async function organisationFor(em: EntityManager, input: FirstAdminInput): Promise<Organisation> {
  const wanted = input.organisation?.trim() ?? '';
  if (isUuid(wanted)) {
    const organisation = await em.findOne(Organisation, { id: wanted.toLowerCase() });
    if (!organisation || organisation.deactivatedAt) throw notFound('Organisation', wanted);
    return organisation;
  }
  const named = await em.findOne(Organisation, { name: wanted, deactivatedAt: null });
  if (named) return named;
  const code = input.jurisdictionCode ?? '';
  if (input.jurisdictionName && !(await em.count(Jurisdiction, { code }))) {
    await createJurisdiction(em, INSTALLER, { code, name: input.jurisdictionName });
  }
  return createOrganisation(em, INSTALLER, {
    name: wanted,
    kind: input.kind ?? OrganisationKind.CIVIL_AFFAIRS,
    jurisdictionCode: code,
  });
}
