import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { usePermissions } from 'react-admin';
import type { Viewer } from '../auth/auth-provider';
import { execute } from '../data/client';
import { MARK_READ, NOTIFICATIONS, UNREAD_COUNT } from './documents';

/** Notifications belong to an organisation's staff (organisations subgraph); others have none to read. */
export function useNotificationOrganisation(): string | null {
  const { permissions } = usePermissions<Viewer>();
  return permissions?.organisation && permissions.permissions.includes('CASES_READ')
    ? permissions.organisation.id
    : null;
}

/** The unread count for the badge, looked at again every minute (the deadline sweep runs hourly). */
export function useUnreadCount() {
  const organisationId = useNotificationOrganisation();
  return useQuery({
    queryKey: ['notifications', 'unread', organisationId],
    queryFn: ({ signal }) =>
      execute(UNREAD_COUNT, { organisationId: organisationId! }, { signal }).then(
        (d) => d.organisation.notifications.totalCount,
      ),
    enabled: !!organisationId,
    refetchInterval: 60_000,
    retry: false,
  });
}

export function useNotifications(page: number, perPage: number, unreadOnly: boolean) {
  const organisationId = useNotificationOrganisation();
  return useQuery({
    queryKey: ['notifications', 'list', organisationId, page, perPage, unreadOnly],
    queryFn: ({ signal }) =>
      execute(
        NOTIFICATIONS,
        { organisationId: organisationId!, first: perPage, offset: page * perPage, unreadOnly },
        { signal },
      ).then((d) => d.organisation.notifications),
    enabled: !!organisationId,
  });
}

/** Marks one read for the whole organisation, then the badge and the list read again. */
export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (notificationId: string) => execute(MARK_READ, { input: { notificationId } }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['notifications'] }),
  });
}
