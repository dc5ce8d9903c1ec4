import { useEffect, useRef, useState } from 'react';
import { useLocation, Link } from 'react-router-dom';
import {
  Card,
  CardContent,
  FormControlLabel,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TablePagination,
  TableRow,
  Typography,
} from '@mui/material';
import { Button, useNotify, useTranslate } from 'react-admin';
import { ApiError } from '../data/api-error';
import { instant } from '../format';
import { DueMarker } from '../cases/markers';
import { useMarkRead, useNotifications } from './use-notifications';

/** Reminders (one working day left) and escalations (overdue) of the organisation, newest first, paged on the server. */
export function NotificationsPanel() {
  const translate = useTranslate();
  const notify = useNotify();
  const location = useLocation();
  const heading = useRef<HTMLHeadingElement>(null);
  const [page, setPage] = useState(0);
  const [unreadOnly, setUnreadOnly] = useState(true);
  const perPage = 10;
  const { data } = useNotifications(page, perPage, unreadOnly);
  const markRead = useMarkRead();
  // The bell leads here: bring the section into view and put the reader on its heading.
  useEffect(() => {
    if (location.hash === '#notifications') {
      heading.current?.scrollIntoView();
      heading.current?.focus();
    }
  }, [location.hash]);
  const read = (id: string) =>
    markRead.mutate(id, {
      onError: (error) => {
        const message = error instanceof ApiError ? error.message : String(error);
        notify(message, { type: 'error', messageArgs: { _: message } });
      },
    });
  return (
    <Card sx={{ mt: 2 }} id="notifications">
      <CardContent>
        <Typography variant="h6" component="h2" ref={heading} tabIndex={-1}>
          {translate('doudi.notifications.title')}
        </Typography>
        <FormControlLabel
          control={<Switch checked={unreadOnly} onChange={(e) => (setPage(0), setUnreadOnly(e.target.checked))} />}
          label={translate('doudi.notifications.unread_only')}
        />
        {data && data.nodes.length === 0 ? (
          <Typography color="text.secondary">{translate('doudi.notifications.none')}</Typography>
        ) : (
          <Table size="small" aria-label={translate('doudi.notifications.title')}>
            <TableHead>
              <TableRow>
                {['kind', 'item', 'dueDate', 'responsible', 'createdAt', 'read'].map((c) => (
                  <TableCell key={c} component="th" scope="col">
                    {translate(`doudi.notifications.fields.${c}`)}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {data?.nodes.map((n) => (
                <TableRow key={n.id} data-notification={n.id}>
                  <TableCell>
                    <DueMarker overdue={n.kind === 'ESCALATION'} atRisk={n.kind === 'REMINDER'} />
                  </TableCell>
                  <TableCell>
                    {n.caseId ? (
                      <Link to={`/cases/${encodeURIComponent(n.caseId)}/show`}>
                        {translate(`doudi.notifications.items.${n.itemKind}`, { _: n.itemKind })}
                      </Link>
                    ) : (
                      translate(`doudi.notifications.items.${n.itemKind}`, { _: n.itemKind })
                    )}
                    {n.jurisdiction ? ` · ${n.jurisdiction.name}` : ''}
                  </TableCell>
                  <TableCell>{n.dueDate}</TableCell>
                  <TableCell>{n.responsibleOrganisation?.name ?? ''}</TableCell>
                  <TableCell>{instant(n.createdAt)}</TableCell>
                  <TableCell>
                    {n.readAt ? (
                      `${translate('doudi.notifications.read_at')} ${instant(n.readAt)}`
                    ) : (
                      <Button
                        label="doudi.notifications.mark_read"
                        onClick={() => read(n.id)}
                        disabled={markRead.isPending}
                      />
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {data && data.totalCount > perPage && (
          <TablePagination
            component="div"
            count={data.totalCount}
            page={page}
            rowsPerPage={perPage}
            rowsPerPageOptions={[perPage]}
            onPageChange={(_, next) => setPage(next)}
          />
        )}
      </CardContent>
    </Card>
  );
}
