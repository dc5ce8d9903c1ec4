import { useState } from 'react';
import AddIcon from '@mui/icons-material/Add';
import { Button, Chip, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useCanAccess, useNotify, useRefresh, useTranslate } from 'react-admin';
import { ApiError } from '../data/api-error';
import { Section } from '../Section';
import { execute } from '../data/client';
import type { MeetingRecord, Session } from './data';
import { COMPLETE_ACTION } from './documents';
import { today } from '../format';
import { SessionDialog } from './SessionDialog';

type Action = Session['agreedActions'][number];

function ActionStatus({ action }: { action: Action }) {
  const translate = useTranslate();
  if (action.status === 'DONE')
    return (
      <Chip
        size="small"
        color="success"
        label={`${translate('doudi.meetings.action_status.DONE')} ${action.doneAt?.slice(0, 10) ?? ''}`}
      />
    );
  const overdue = !!action.dueDate && action.dueDate < today();
  return overdue ? (
    <Chip size="small" color="error" label={translate('doudi.meetings.action_overdue')} />
  ) : (
    <Chip size="small" variant="outlined" label={translate('doudi.meetings.action_status.OPEN')} />
  );
}

function CompleteButton({ action }: { action: Action }) {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [busy, setBusy] = useState(false);
  const complete = async () => {
    setBusy(true);
    try {
      await execute(COMPLETE_ACTION, { input: { actionId: action.id, version: action.version } });
      notify('doudi.meetings.completed', { type: 'success' });
      refresh();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      notify(error.message, { type: 'error', multiLine: true });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      size="small"
      disabled={busy}
      onClick={() => void complete()}
      aria-label={`${translate('doudi.meetings.complete')}：${action.description}`}
    >
      {translate('doudi.meetings.complete')}
    </Button>
  );
}

/** Sessions held, the latest first, each with its agreed actions, their owners and due dates; record one, complete one. */
export function Sessions({ meeting }: { meeting: MeetingRecord }) {
  const translate = useTranslate();
  const refresh = useRefresh();
  const { canAccess: mayWrite } = useCanAccess({ resource: 'joint-meetings', action: 'edit' });
  const [recording, setRecording] = useState(false);
  const sessions = meeting.sessions.nodes;
  return (
    <Section
      id="sessions-title"
      title={`${translate('doudi.meetings.sessions')}（${meeting.sessions.totalCount}）`}
      action={
        mayWrite && (
          <Button startIcon={<AddIcon />} onClick={() => setRecording(true)}>
            {translate('doudi.meetings.record_session')}
          </Button>
        )
      }
    >
      {!sessions.length && <Typography color="text.secondary">{translate('doudi.meetings.no_sessions')}</Typography>}
      <Stack spacing={2}>
        {sessions.map((session) => (
          <section key={session.id} aria-labelledby={`session-${session.id}`} data-testid="meeting-session">
            <Typography id={`session-${session.id}`} variant="subtitle1" component="h3">
              {session.date} · {translate(`doudi.meetings.session_kinds.${session.kind}`)} · {session.title}
            </Typography>
            {session.summary && (
              <Typography variant="body2" color="text.secondary" sx={{ whiteSpace: 'pre-wrap' }}>
                {session.summary}
              </Typography>
            )}
            {session.agreedActions.length > 0 && (
              <Table size="small" aria-label={`${translate('doudi.meetings.actions')}：${session.title}`}>
                <TableHead>
                  <TableRow>
                    <TableCell>{translate('doudi.meetings.action_description')}</TableCell>
                    <TableCell>{translate('doudi.meetings.action_owner')}</TableCell>
                    <TableCell>{translate('doudi.meetings.action_due')}</TableCell>
                    <TableCell>{translate('doudi.staff.status')}</TableCell>
                    <TableCell />
                  </TableRow>
                </TableHead>
                <TableBody>
                  {session.agreedActions.map((action) => (
                    <TableRow key={action.id} data-testid="agreed-action">
                      <TableCell>{action.description}</TableCell>
                      <TableCell>{action.owner.name}</TableCell>
                      <TableCell>{action.dueDate ?? '—'}</TableCell>
                      <TableCell>
                        <ActionStatus action={action} />
                      </TableCell>
                      <TableCell>
                        {mayWrite && action.status === 'OPEN' && <CompleteButton action={action} />}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </section>
        ))}
      </Stack>
      {recording && (
        <SessionDialog
          meetingId={meeting.id}
          jurisdictionCode={meeting.jurisdiction.code}
          onClose={(saved) => {
            setRecording(false);
            if (saved) refresh();
          }}
        />
      )}
    </Section>
  );
}
