/**
 * What a caller may do. Staff get permissions through their roles; API clients through the scopes
 * granted to them (a subset of the same list). Default deny: anything not listed is refused.
 */
export const PERMISSIONS = [
  'jurisdictions:read',
  'jurisdictions:write',
  'organisations:read',
  'organisations:write',
  'staff:manage',
  'calendar:write',
  'meetings:read',
  'meetings:write',
  'households:read',
  'households:write',
  /** Health and disability facts (docs/architecture.md, Security model: sensitive facts). */
  'households:read-sensitive',
  'personal-data:reveal',
  'programmes:read',
  'programmes:write',
  'benefits:propose',
  'benefits:approve',
  /** The payment roll (资金发放, 临社救办发〔2015〕3号 二(一)): reading what is paid to whom. */
  'payments:read',
  /** Marking a roll paid and recording returned payments. */
  'payments:write',
  'cases:read',
  /** Every case in the caller's jurisdiction, not only those their organisation leads or was referred. */
  'cases:oversee',
  'cases:write',
  'reports:read',
  /**
   * The supervision office (监督举报, 临社救办发〔2015〕3号 二(一)): every complaint of its jurisdiction, assigning and
   * answering them, and who complained (never when it works for an organisation complained about).
   */
  'complaints:handle',
  /** Every subgraph's audit log (周政办字〔2017〕70号 六(三)): reveals, lookups, decisions, payments. */
  'audit:read',
  /**
   * An app's webhook subscriptions (docs/webhooks.md): an app granted it manages its own; administrators hold it
   * for the apps of their jurisdiction.
   */
  'webhooks:manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLES = [
  'SYSTEM_ADMIN',
  'JURISDICTION_ADMIN',
  'CASEWORKER',
  'APPROVER',
  'AGENCY_STAFF',
  'REPORTING',
  'AUDITOR',
] as const;
export type Role = (typeof ROLES)[number];

const DIRECTORY: Permission[] = ['jurisdictions:read', 'organisations:read', 'programmes:read', 'meetings:read'];

/** Role → permissions. Every permission is further limited to the caller's jurisdiction subtree. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  /** Provincial or national operators: everything, everywhere. */
  SYSTEM_ADMIN: PERMISSIONS,
  /** A county's civil-affairs administrator or joint-meeting office: configures the county. */
  JURISDICTION_ADMIN: PERMISSIONS,
  /** Township and village caseworkers: families, cases and proposals, not configuration. */
  CASEWORKER: [
    ...DIRECTORY,
    'households:read',
    'households:write',
    'households:read-sensitive',
    'cases:read',
    'cases:oversee',
    'cases:write',
    'benefits:propose',
    'payments:read',
  ],
  /**
   * Township and county officials who approve relief within the programmes' delegation (临社救办发〔2015〕3号 二(八):
   * 乡镇审批小额临时救助) without configuring anything: they read what they decide on.
   */
  APPROVER: [
    ...DIRECTORY,
    'households:read',
    'households:read-sensitive',
    'cases:read',
    'cases:oversee',
    'benefits:approve',
    'payments:read',
    'payments:write',
  ],
  /** An agency's desk (police, procuratorate, school …): the cases it leads or is referred. */
  AGENCY_STAFF: [...DIRECTORY, 'households:read', 'cases:read', 'cases:write'],
  /** Dashboards and annual reports: aggregates only, never personal data (docs/architecture.md, Security model). */
  REPORTING: [...DIRECTORY, 'reports:read'],
  /**
   * Auditors (审计监督, 周政办字〔2017〕70号 六(三)): read-only — the audit logs, and cases, households and payments with
   * personal data masked; a reveal needs a stated purpose and is itself audited.
   */
  AUDITOR: [
    ...DIRECTORY,
    'audit:read',
    'households:read',
    'cases:read',
    'cases:oversee',
    'payments:read',
    'personal-data:reveal',
  ],
};

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
