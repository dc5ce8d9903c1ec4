/**
 * What each role gives, as the API's ROLE_PERMISSIONS (shared/src/auth/permissions.ts) in the Scope enum's names:
 * the forms offer only roles and scopes the administrator's own permissions cover (the API refuses the others
 * with FORBIDDEN, issue 10 item 3 — this only spares them the refusal).
 */
const DIRECTORY = ['JURISDICTIONS_READ', 'ORGANISATIONS_READ', 'PROGRAMMES_READ', 'MEETINGS_READ'];

export const ALL_SCOPES = [
  'JURISDICTIONS_READ',
  'JURISDICTIONS_WRITE',
  'ORGANISATIONS_READ',
  'ORGANISATIONS_WRITE',
  'STAFF_MANAGE',
  'CALENDAR_WRITE',
  'MEETINGS_READ',
  'MEETINGS_WRITE',
  'HOUSEHOLDS_READ',
  'HOUSEHOLDS_WRITE',
  'HOUSEHOLDS_READ_SENSITIVE',
  'PERSONAL_DATA_REVEAL',
  'PROGRAMMES_READ',
  'PROGRAMMES_WRITE',
  'BENEFITS_PROPOSE',
  'BENEFITS_APPROVE',
  'PAYMENTS_READ',
  'PAYMENTS_WRITE',
  'CASES_READ',
  'CASES_OVERSEE',
  'CASES_WRITE',
  'REPORTS_READ',
  'COMPLAINTS_HANDLE',
  'AUDIT_READ',
  'WEBHOOKS_MANAGE',
] as const;

export type ScopeName = (typeof ALL_SCOPES)[number];

export const ROLE_SCOPES: Record<string, readonly string[]> = {
  SYSTEM_ADMIN: ALL_SCOPES,
  JURISDICTION_ADMIN: ALL_SCOPES,
  CASEWORKER: [
    ...DIRECTORY,
    'HOUSEHOLDS_READ',
    'HOUSEHOLDS_WRITE',
    'HOUSEHOLDS_READ_SENSITIVE',
    'CASES_READ',
    'CASES_OVERSEE',
    'CASES_WRITE',
    'BENEFITS_PROPOSE',
    'PAYMENTS_READ',
  ],
  APPROVER: [
    ...DIRECTORY,
    'HOUSEHOLDS_READ',
    'HOUSEHOLDS_READ_SENSITIVE',
    'CASES_READ',
    'CASES_OVERSEE',
    'BENEFITS_APPROVE',
    'PAYMENTS_READ',
    'PAYMENTS_WRITE',
  ],
  AGENCY_STAFF: [...DIRECTORY, 'HOUSEHOLDS_READ', 'CASES_READ', 'CASES_WRITE'],
  REPORTING: [...DIRECTORY, 'REPORTS_READ'],
  AUDITOR: [
    ...DIRECTORY,
    'AUDIT_READ',
    'HOUSEHOLDS_READ',
    'CASES_READ',
    'CASES_OVERSEE',
    'PAYMENTS_READ',
    'PERSONAL_DATA_REVEAL',
  ],
};

export const ROLES = [
  'CASEWORKER',
  'APPROVER',
  'AGENCY_STAFF',
  'REPORTING',
  'AUDITOR',
  'JURISDICTION_ADMIN',
  'SYSTEM_ADMIN',
] as const;

/** The roles a person holding `permissions` (and `roles`) may grant: every permission of the role held; SYSTEM_ADMIN only by one. */
export function grantableRoles(viewer: { roles: readonly string[]; permissions: readonly string[] }) {
  const own = new Set(viewer.permissions);
  return ROLES.filter(
    (role) =>
      (role !== 'SYSTEM_ADMIN' || viewer.roles.includes('SYSTEM_ADMIN')) && ROLE_SCOPES[role].every((p) => own.has(p)),
  );
}

/** The scopes a person may grant an app: those they hold. */
export function grantableScopes(viewer: { permissions: readonly string[] }) {
  const own = new Set(viewer.permissions);
  return ALL_SCOPES.filter((s) => own.has(s));
}
