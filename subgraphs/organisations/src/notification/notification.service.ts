import type { EntityManager } from '@mikro-orm/postgresql';
import { assertId, can, forbidden, notFound, requireSignedIn, withinJurisdiction, type Principal } from '@doudi/shared';
import type { Organisation } from '../organisation/organisation.entity.js';
import { Notification } from './notification.entity.js';
import type { MarkNotificationReadInput } from './notification.inputs.js';

/**
 * Staff of the organisation who work on cases, and its own apps holding cases:read (an agency's case system reads
 * and acknowledges its notices as its desk does). Reporting accounts are left out: a notice names a case, and
 * reporting sees aggregates only (docs/architecture.md, Security model).
 */
function isOwnStaff(principal: Principal, organisationId: string): boolean {
  return (
    (principal.kind === 'STAFF' || principal.kind === 'API_CLIENT') &&
    principal.organisationId === organisationId &&
    can(principal, 'cases:read')
  );
}

/** Administrators over the organisation's jurisdiction (a system administrator is over every one). */
function administers(principal: Principal, organisation: Organisation): boolean {
  return (
    principal.kind === 'STAFF' &&
    principal.roles.some((role) => role === 'SYSTEM_ADMIN' || role === 'JURISDICTION_ADMIN') &&
    withinJurisdiction(principal, organisation.jurisdictionCode)
  );
}

/** An organisation's notifications are read by its own staff and apps, and by administrators over its jurisdiction. */
export function requireMayReadNotifications(principal: Principal, organisation: Organisation): void {
  requireSignedIn(principal);
  if (!isOwnStaff(principal, organisation.id) && !administers(principal, organisation))
    throw forbidden(`Only staff of ${organisation.name} and its administrators read its notifications`);
}

/**
 * Marks a notification read for its whole organisation; only that organisation's staff may. Marking it again
 * keeps who read it first, and when.
 */
export async function markNotificationRead(
  em: EntityManager,
  principal: Principal,
  input: MarkNotificationReadInput,
): Promise<Notification> {
  requireSignedIn(principal);
  const id = assertId('input.notificationId', input.notificationId);
  const notification = await em.findOne(Notification, { id });
  if (!notification) throw notFound('Notification', id);
  if (!isOwnStaff(principal, notification.organisationId))
    throw forbidden('Only staff and apps of the organisation notified may mark its notifications read');
  if (!notification.readAt) {
    // Conditional, so two people marking it at once leave the first one's mark.
    await em.nativeUpdate(
      Notification,
      { id, readAt: null },
      {
        readAt: new Date(),
        readBy: principal.id,
        updatedAt: new Date(),
      },
    );
    await em.refresh(notification);
  }
  return notification;
}
