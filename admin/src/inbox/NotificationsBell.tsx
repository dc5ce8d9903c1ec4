import { Badge, IconButton, Tooltip } from '@mui/material';
import NotificationsIcon from '@mui/icons-material/Notifications';
import { useNavigate } from 'react-router-dom';
import { useTranslate } from 'react-admin';
import { useNotificationOrganisation, useUnreadCount } from './use-notifications';

/** The app bar's bell: the unread reminders and escalations of the person's organisation, in a badge and in words. */
export function NotificationsBell() {
  const translate = useTranslate();
  const navigate = useNavigate();
  const organisationId = useNotificationOrganisation();
  const { data: unread = 0 } = useUnreadCount();
  if (!organisationId) return null;
  const label = translate('doudi.notifications.unread', { smart_count: unread });
  return (
    <Tooltip title={label}>
      <IconButton color="inherit" aria-label={label} onClick={() => void navigate('/inbox#notifications')}>
        <Badge badgeContent={unread} color="error" max={99}>
          <NotificationsIcon />
        </Badge>
      </IconButton>
    </Tooltip>
  );
}
