import type { EntityManager } from '@mikro-orm/postgresql';
import {
  assertId,
  badInput,
  can,
  createOnce,
  forbidden,
  notFound,
  parseIdNumber,
  requiredPlainText,
  requirePermission,
  type PersonalDataVault,
  type Principal,
} from '@doudi/shared';
import { Organisation, OrganisationKind } from '../organisation/organisation.entity.js';
import { CloseRelativeDeclaration } from './relative.entity.js';
import type { DeclareCloseRelativeInput, WithdrawCloseRelativeDeclarationInput } from './relative.inputs.js';

/** Who declares for a committee member: the committee's own staff, or staff managers over its jurisdiction. */
async function committeeOf(em: EntityManager, principal: Principal, organisationId: string): Promise<Organisation> {
  const organisation = await em.findOne(Organisation, {
    id: assertId('input.committeeMember.organisationId', organisationId),
  });
  if (!organisation) throw notFound('Organisation', organisationId);
  if (organisation.kind !== OrganisationKind.VILLAGE_COMMITTEE) {
    throw badInput('input.committeeMember.organisationId', 'Members are declared for a village committee');
  }
  const own = principal.kind === 'STAFF' && principal.organisationId === organisation.id;
  if (!own && !can(principal, 'staff:manage', organisation.jurisdictionCode)) {
    throw forbidden('A committee member’s relatives are declared by the committee or by staff managers over it');
  }
  return organisation;
}

/** Declares a close relative of the caller, or of a village committee member; sealed, filed by its keyed hash. */
export async function declareCloseRelative(
  em: EntityManager,
  principal: Principal,
  vault: PersonalDataVault,
  input: DeclareCloseRelativeInput,
): Promise<CloseRelativeDeclaration> {
  const relativeName = requiredPlainText('input.relativeName', input.relativeName, 50, 'A name');
  const idNumber = parseIdNumber('input.idNumber', input.idNumber).value;
  let organisationId: string;
  let accountId: string | null = null;
  let declarantName: string | null = null;
  if (input.committeeMember) {
    organisationId = (await committeeOf(em, principal, input.committeeMember.organisationId)).id;
    declarantName = requiredPlainText('input.committeeMember.name', input.committeeMember.name, 50, 'A name');
  } else {
    if (principal.kind !== 'STAFF' || !principal.organisationId || !principal.id) {
      throw forbidden('Staff declare their own relatives; an app declares none');
    }
    organisationId = principal.organisationId;
    accountId = principal.id;
  }
  const idNumberHash = vault.lookupHash(idNumber);
  // The retry's fingerprint holds hashes, never the clear name or number.
  const fingerprint = {
    organisationId,
    accountId,
    declarant: declarantName && vault.lookupHash(declarantName),
    relative: vault.lookupHash(relativeName),
    idNumberHash,
    relationship: input.relationship,
  };
  return createOnce(
    em,
    'declareCloseRelative',
    input.idempotencyKey,
    fingerprint,
    async (tx) => {
      const declaration = Object.assign(new CloseRelativeDeclaration(), {
        organisationId,
        accountId,
        declarantNameSealed: declarantName && vault.encrypt(declarantName),
        relativeNameSealed: vault.encrypt(relativeName),
        relationship: input.relationship,
        idNumberHash,
        idNumberSealed: vault.encrypt(idNumber),
        declaredById: principal.id,
      });
      tx.persist(declaration);
      return declaration;
    },
    (fresh, id) => fresh.findOneOrFail(CloseRelativeDeclaration, { id }),
  );
}

/** The declarant or a staff manager over the organisation reads and withdraws a declaration. */
async function assertMayManage(em: EntityManager, principal: Principal, declaration: CloseRelativeDeclaration) {
  if (declaration.accountId !== null && declaration.accountId === principal.id) return;
  const organisation = await em.findOne(Organisation, { id: declaration.organisationId });
  const committee =
    organisation?.kind === OrganisationKind.VILLAGE_COMMITTEE && principal.organisationId === organisation.id;
  if (committee && declaration.accountId === null) return;
  if (organisation && can(principal, 'staff:manage', organisation.jurisdictionCode)) return;
  throw notFound('CloseRelativeDeclaration', declaration.id);
}

export async function withdrawCloseRelative(
  em: EntityManager,
  principal: Principal,
  input: WithdrawCloseRelativeDeclarationInput,
) {
  const declaration = await em.findOne(CloseRelativeDeclaration, {
    id: assertId('input.declarationId', input.declarationId),
  });
  if (!declaration) throw notFound('CloseRelativeDeclaration', input.declarationId);
  await assertMayManage(em, principal, declaration);
  const reason = requiredPlainText('input.reason', input.reason, 500, 'A reason', true);
  if (!declaration.withdrawnAt) {
    declaration.withdrawnAt = new Date();
    declaration.withdrawalReason = reason;
    await em.flush();
  }
  return declaration;
}

/** The caller's own declarations, newest first. */
export function ownDeclarations(em: EntityManager, principal: Principal) {
  if (principal.kind !== 'STAFF' || !principal.id) return [];
  return em.find(CloseRelativeDeclaration, { accountId: principal.id }, { orderBy: { declaredAt: 'desc' } });
}

/** An organisation's declarations (its staff's and its committee members'), for staff managers over it. */
export async function organisationDeclarations(em: EntityManager, principal: Principal, organisation: Organisation) {
  requirePermission(principal, 'staff:manage', organisation.jurisdictionCode);
  return em.find(
    CloseRelativeDeclaration,
    { organisationId: organisation.id },
    { orderBy: { declaredAt: 'desc' }, limit: 1000 },
  );
}

export interface RelativeMatch {
  idNumberHash: string;
  declarationId: string;
  organisationId: string;
  accountId: string | null;
  relationship: string;
}

/**
 * The declarations in force that concern a proposal: relatives (by keyed hash) of the given staff accounts, or of any
 * member of the given villages' committees. One statement.
 */
export async function relativeMatches(
  em: EntityManager,
  query: { idNumberHashes: string[]; accountIds: string[]; villageCodes: string[] },
): Promise<RelativeMatch[]> {
  if (!query.idNumberHashes.length || (!query.accountIds.length && !query.villageCodes.length)) return [];
  const rows: {
    id_number_hash: string;
    id: string;
    organisation_id: string;
    account_id: string | null;
    relationship: string;
  }[] = await em
    .getKnex()('close_relative_declaration as d')
    .leftJoin('organisation as o', 'o.id', 'd.organisation_id')
    .select('d.id_number_hash', 'd.id', 'd.organisation_id', 'd.account_id', 'd.relationship')
    .whereNull('d.withdrawn_at')
    .whereIn('d.id_number_hash', query.idNumberHashes)
    .where((chain) => {
      if (query.accountIds.length) chain.orWhereIn('d.account_id', query.accountIds);
      if (query.villageCodes.length) {
        chain.orWhere((village) => {
          void village
            .where('o.kind', OrganisationKind.VILLAGE_COMMITTEE)
            .whereIn('o.jurisdiction_code', query.villageCodes);
        });
      }
    })
    .orderBy('d.id');
  return rows.map((r) => ({
    idNumberHash: r.id_number_hash,
    declarationId: r.id,
    organisationId: r.organisation_id,
    accountId: r.account_id,
    relationship: r.relationship,
  }));
}
