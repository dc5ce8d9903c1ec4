import { codePrefix } from '../jurisdiction-code.js';
import { DomainError, ErrorCode } from '../errors.js';
import { ROLE_PERMISSIONS, type Permission, type Role } from './permissions.js';

export type PrincipalKind = 'ANONYMOUS' | 'STAFF' | 'API_CLIENT';

/** Who is calling, as the gateway vouches for it to the subgraphs. */
export interface Principal {
  kind: PrincipalKind;
  /** Staff account or API client id; null when anonymous. */
  id: string | null;
  organisationId: string | null;
  /** The jurisdiction whose subtree the caller works in. */
  jurisdictionCode: string | null;
  roles: Role[];
  /** API clients: the scopes granted to them. Staff: empty (their roles decide). */
  scopes: Permission[];
  /** The sign-in session behind the access token (for signing out). */
  sessionId?: string | null;
  /**
   * The person who answers for this identity: a staff account's own id, or the staff account that
   * registered an API client. Separation of duties compares actors, so one person cannot propose as
   * themselves and approve through an app they control.
   */
  actorId?: string | null;
  /**
   * The caller's network address as the gateway saw it (TRUST_PROXY_HOPS says which forwarded address to
   * believe): sign-in throttling counts failures per address. Never stored in clear.
   */
  clientAddress?: string | null;
}

/** The person who answers for the caller: a staff account itself, or whoever registered the app calling. */
export const actorOf = (principal: Principal): string | null => principal.actorId ?? principal.id;

export const ANONYMOUS: Principal = Object.freeze({
  kind: 'ANONYMOUS',
  id: null,
  organisationId: null,
  jurisdictionCode: null,
  roles: [],
  scopes: [],
}) as Principal;

const NO_PERMISSIONS: ReadonlySet<Permission> = new Set();
/** Permission sets by kind and roles or scopes: every field resolver asks, and a caller's roles rarely change. */
const permissionSets = new Map<string, ReadonlySet<Permission>>();
const PERMISSION_SETS_MAX = 1000;

/** What the caller may do: an API client's scopes, or every permission a staff member's roles give. */
export function permissionsOf(principal: Principal): ReadonlySet<Permission> {
  if (principal.kind === 'ANONYMOUS') return NO_PERMISSIONS;
  const client = principal.kind === 'API_CLIENT';
  const key = `${principal.kind}:${(client ? principal.scopes : principal.roles).join(',')}`;
  let set = permissionSets.get(key);
  if (!set) {
    set = client ? new Set(principal.scopes) : new Set(principal.roles.flatMap((role) => ROLE_PERMISSIONS[role] ?? []));
    if (permissionSets.size >= PERMISSION_SETS_MAX) permissionSets.clear();
    permissionSets.set(key, set);
  }
  return set;
}

/** The code prefix of everything the caller may reach; '' reaches everywhere. */
export function jurisdictionPrefix(principal: Principal): string | null {
  if (principal.roles.includes('SYSTEM_ADMIN')) return '';
  return principal.jurisdictionCode ? codePrefix(principal.jurisdictionCode) : null;
}

export function withinJurisdiction(principal: Principal, code: string): boolean {
  const prefix = jurisdictionPrefix(principal);
  return prefix !== null && code.startsWith(prefix);
}

export function can(principal: Principal, permission: Permission, jurisdictionCode?: string): boolean {
  if (!permissionsOf(principal).has(permission)) return false;
  return jurisdictionCode === undefined || withinJurisdiction(principal, jurisdictionCode);
}

export const unauthenticated = (message = 'Sign in first: this needs an access token') =>
  new DomainError(ErrorCode.UNAUTHENTICATED, message);

export const forbidden = (message: string, extra: Record<string, unknown> = {}) =>
  new DomainError(ErrorCode.FORBIDDEN, message, extra);

/**
 * Refuses the call unless the caller holds `permission` — and, when a jurisdiction is named, unless that
 * jurisdiction lies in the caller's subtree. Anonymous callers get UNAUTHENTICATED, others FORBIDDEN.
 */
export function requirePermission(principal: Principal, permission: Permission, jurisdictionCode?: string): void {
  if (principal.kind === 'ANONYMOUS') throw unauthenticated();
  if (!permissionsOf(principal).has(permission)) {
    throw forbidden(`Your account may not do this (needs ${permission})`, { permission });
  }
  if (jurisdictionCode !== undefined && !withinJurisdiction(principal, jurisdictionCode)) {
    throw forbidden(`${jurisdictionCode} lies outside your jurisdiction`, { permission, jurisdictionCode });
  }
}

/** Only signed-in callers (any permission). */
export function requireSignedIn(principal: Principal): void {
  if (principal.kind === 'ANONYMOUS') throw unauthenticated();
}

/**
 * The jurisdiction prefix a list may show: the caller's subtree, narrowed by the list's own filter.
 * Lists are scoped, never refused: a filter outside the caller's subtree just finds nothing (null).
 */
export function listScope(principal: Principal, permission: Permission, filterCode?: string | null): string | null {
  requirePermission(principal, permission);
  const own = jurisdictionPrefix(principal);
  if (own === null) return null;
  if (!filterCode) return own;
  const wanted = codePrefix(filterCode);
  if (wanted.startsWith(own)) return wanted;
  return own.startsWith(wanted) ? own : null;
}
