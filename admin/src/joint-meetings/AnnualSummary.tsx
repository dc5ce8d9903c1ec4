import { useState } from 'react';
import DownloadIcon from '@mui/icons-material/Download';
import {
  Alert,
  Button,
  Chip,
  MenuItem,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCanAccess, useNotify, useTranslate } from 'react-admin';
import { saveFile } from '../dashboard/download';
import { Section } from '../Section';
import { ApiError } from '../data/api-error';
import { execute } from '../data/client';
import type { MeetingRecord } from './data';
import { ANNUAL_SUMMARY, ANNUAL_SUMMARY_EXPORT, APPROVE_SUMMARY } from './documents';

const FIGURES = [
  'casesOpened',
  'casesClosed',
  'familiesReached',
  'referralsSent',
  'referralsAnswered',
  'referralsDeclined',
  'answeredOnTime',
  'answeredLate',
  'followUps',
  'followUpHouseholds',
  'reliefGrants',
  'reliefHouseholds',
  'reliefPersons',
  'reliefAmount',
] as const;

/**
 * The joint meeting's annual summary (襄政办发〔2023〕26号 附件1 第九条) for a year that has ended: the figures (a
 * withheld cell says so, never 0), approved at a session held after the year (then frozen), and saved as XLSX.
 * Only for reports:read; approving is the meeting's (meetings:write).
 */
export function AnnualSummary({ meeting, year }: { meeting: MeetingRecord; year: number }) {
  const translate = useTranslate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const { canAccess: mayRead } = useCanAccess({ resource: 'dashboard', action: 'list' });
  const { canAccess: mayWrite } = useCanAccess({ resource: 'joint-meetings', action: 'edit' });
  const [sessionId, setSessionId] = useState('');
  const [busy, setBusy] = useState(false);
  const summary = useQuery({
    queryKey: ['meeting-summary', meeting.id, year],
    queryFn: ({ signal }) =>
      execute(ANNUAL_SUMMARY, { id: meeting.id, year }, { signal }).then((d) => d.jointMeeting.annualSummary),
    enabled: !!mayRead,
  });
  const sessionsAfter = meeting.sessions.nodes.filter((s) => s.date > `${year}-12-31`);
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      notify(e.message, { type: 'error', multiLine: true });
    } finally {
      setBusy(false);
    }
  };
  const approve = () =>
    run(async () => {
      await execute(APPROVE_SUMMARY, {
        input: { meetingId: meeting.id, sessionId, year, idempotencyKey: `${meeting.id}:${year}:${sessionId}` },
      });
      notify('doudi.meetings.approved', { type: 'success' });
      await queryClient.invalidateQueries({ queryKey: ['meeting-summary', meeting.id, year] });
    });
  const download = () =>
    run(async () => {
      saveFile((await execute(ANNUAL_SUMMARY_EXPORT, { id: meeting.id, year })).jointMeeting.annualSummary.export);
    });
  const data = summary.data;
  return (
    <Section id="summary-title" title={translate('doudi.meetings.summary_title', { year })} testId="annual-summary">
      {!mayRead && <Typography color="text.secondary">{translate('doudi.meetings.no_reports_access')}</Typography>}
      {summary.error && <Alert severity="error">{(summary.error as Error).message}</Alert>}
      {data && (
        <Stack spacing={2}>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
            <Chip
              color={data.status === 'APPROVED' ? 'success' : 'default'}
              label={translate(`doudi.meetings.summary_status.${data.status}`)}
              data-testid="summary-status"
            />
            {data.approvedAt && <span>{data.approvedAt.slice(0, 10)}</span>}
            <Button startIcon={<DownloadIcon />} variant="outlined" disabled={busy} onClick={() => void download()}>
              {translate('doudi.meetings.export_summary')}
            </Button>
          </Stack>
          <Table size="small" aria-labelledby="summary-title">
            <TableBody>
              {FIGURES.map((key) => (
                <TableRow key={key}>
                  <TableCell component="th" scope="row">
                    {translate(`doudi.meetings.figures.${key}`)}
                  </TableCell>
                  <TableCell align="right">
                    {data.figures[key] ?? (
                      <Typography component="span" color="text.secondary">
                        {translate('doudi.meetings.suppressed')}
                      </Typography>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {data.status === 'DRAFT' && mayWrite && sessionsAfter.length > 0 && (
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
              <TextField
                select
                size="small"
                label={translate('doudi.meetings.approve_in')}
                value={sessionId}
                onChange={(e) => setSessionId(e.target.value)}
                sx={{ minWidth: 280 }}
              >
                {sessionsAfter.map((s) => (
                  <MenuItem key={s.id} value={s.id}>
                    {s.date} · {s.title}
                  </MenuItem>
                ))}
              </TextField>
              <Button
                variant="contained"
                disabled={!sessionId || busy}
                onClick={() => void approve()}
                sx={{ whiteSpace: 'nowrap' }}
              >
                {translate('doudi.meetings.approve_summary')}
              </Button>
            </Stack>
          )}
        </Stack>
      )}
    </Section>
  );
}
