import { useState } from 'react';
import {
  Alert,
  Button,
  Card,
  CardContent,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  MenuItem,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCanAccess, useNotify, useTranslate } from 'react-admin';
import { ApiError } from '../data/api-error';
import { execute } from '../data/client';
import type { MeetingRecord } from './data';
import { ANNUAL_REPORTS, SUBMIT_REPORT } from './documents';

function RecordReport(props: {
  meeting: MeetingRecord;
  year: number;
  missing: { id: string; name: string }[];
  onClose: () => void;
}) {
  const translate = useTranslate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [organisationId, setOrganisationId] = useState(props.missing[0]?.id ?? '');
  const [summary, setSummary] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const save = async () => {
    if (!summary.trim()) return setError(translate('ra.validation.required'));
    try {
      await execute(SUBMIT_REPORT, {
        input: {
          meetingId: props.meeting.id,
          organisationId,
          year: props.year,
          summary: summary.trim(),
          idempotencyKey,
        },
      });
      notify('doudi.meetings.report_recorded', { type: 'success' });
      await queryClient.invalidateQueries({ queryKey: ['meeting-reports'] });
      props.onClose();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setError(e.message);
    }
  };
  return (
    <Dialog open onClose={props.onClose} aria-labelledby="report-title" fullWidth maxWidth="sm">
      <DialogTitle id="report-title">
        {translate('doudi.meetings.record_report')}（{props.year}）
      </DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ mt: 1 }}>
          <TextField
            select
            label={translate('doudi.meetings.members')}
            value={organisationId}
            onChange={(e) => setOrganisationId(e.target.value)}
          >
            {props.missing.map((o) => (
              <MenuItem key={o.id} value={o.id}>
                {o.name}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            label={translate('doudi.meetings.report_summary')}
            value={summary}
            onChange={(e) => {
              setSummary(e.target.value);
              setError(null);
            }}
            required
            multiline
            minRows={3}
            error={!!error}
            helperText={error ?? undefined}
          />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>{translate('ra.action.cancel')}</Button>
        <Button variant="contained" onClick={() => void save()} disabled={!organisationId}>
          {translate('ra.action.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** The members' yearly reports (上一年度工作报告) on a year: those received (late marked) and those missing. */
export function Reports({ meeting, year }: { meeting: MeetingRecord; year: number }) {
  const translate = useTranslate();
  const { canAccess: mayWrite } = useCanAccess({ resource: 'joint-meetings', action: 'edit' });
  const [recording, setRecording] = useState(false);
  const reports = useQuery({
    queryKey: ['meeting-reports', meeting.id, year],
    queryFn: ({ signal }) => execute(ANNUAL_REPORTS, { id: meeting.id, year }, { signal }).then((d) => d.jointMeeting),
  });
  const missing = (reports.data?.missingAnnualReports ?? []).map((m) => m.member.organisation);
  return (
    <Card component="section" aria-labelledby="reports-title">
      <CardContent>
        <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center', mb: 1 }}>
          <Typography id="reports-title" variant="h6" component="h2">
            {translate('doudi.meetings.reports')}（{year}）
          </Typography>
          {mayWrite && missing.length > 0 && (
            <Button onClick={() => setRecording(true)}>{translate('doudi.meetings.record_report')}</Button>
          )}
        </Stack>
        {reports.error && <Alert severity="error">{(reports.error as Error).message}</Alert>}
        {reports.data && (
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>{translate('resources.organisations.name')}</TableCell>
                <TableCell>{translate('doudi.staff.status')}</TableCell>
                <TableCell>{translate('doudi.meetings.report_summary')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {reports.data.annualReports.map((r) => (
                <TableRow key={r.id}>
                  <TableCell>{r.organisation.name}</TableCell>
                  <TableCell>
                    <Stack direction="row" spacing={1}>
                      <Chip
                        size="small"
                        color="success"
                        variant="outlined"
                        label={translate('doudi.meetings.received')}
                      />
                      <span>{translate('doudi.meetings.submitted_on', { date: r.submittedAt.slice(0, 10) })}</span>
                      {r.late && <Chip size="small" color="warning" label={translate('doudi.meetings.late')} />}
                    </Stack>
                  </TableCell>
                  <TableCell>{r.summary}</TableCell>
                </TableRow>
              ))}
              {reports.data.missingAnnualReports.map((m) => (
                <TableRow key={m.member.id}>
                  <TableCell>{m.member.organisation.name}</TableCell>
                  <TableCell>
                    <Stack direction="row" spacing={1}>
                      <Chip
                        size="small"
                        color={m.overdue ? 'error' : 'default'}
                        label={translate(m.overdue ? 'doudi.meetings.overdue' : 'doudi.meetings.missing')}
                      />
                      <span>{translate('doudi.meetings.due', { date: m.dueDate })}</span>
                    </Stack>
                  </TableCell>
                  <TableCell>—</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
      {recording && (
        <RecordReport meeting={meeting} year={year} missing={missing} onClose={() => setRecording(false)} />
      )}
    </Card>
  );
}
