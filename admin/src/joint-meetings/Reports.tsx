import { useState } from 'react';
import {
  Alert,
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  MenuItem,
  Stack,
  TextField,
} from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCanAccess, useNotify, useTranslate } from 'react-admin';
import { ApiError } from '../data/api-error';
import { RowsTable, Section } from '../Section';
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
  const rows = reports.data && [
    ...reports.data.annualReports.map((r) => ({
      id: r.id,
      name: r.organisation.name,
      summary: r.summary,
      status: (
        <>
          <Chip size="small" color="success" variant="outlined" label={translate('doudi.meetings.received')} />
          <span>{translate('doudi.meetings.submitted_on', { date: r.submittedAt.slice(0, 10) })}</span>
          {r.late && <Chip size="small" color="warning" label={translate('doudi.meetings.late')} />}
        </>
      ),
    })),
    ...reports.data.missingAnnualReports.map((m) => ({
      id: m.member.id,
      name: m.member.organisation.name,
      summary: '—',
      status: (
        <>
          <Chip
            size="small"
            color={m.overdue ? 'error' : 'default'}
            label={translate(m.overdue ? 'doudi.meetings.overdue' : 'doudi.meetings.missing')}
          />
          <span>{translate('doudi.meetings.due', { date: m.dueDate })}</span>
        </>
      ),
    })),
  ];
  return (
    <Section
      id="reports-title"
      title={`${translate('doudi.meetings.reports')}（${year}）`}
      action={
        mayWrite &&
        missing.length > 0 && (
          <Button onClick={() => setRecording(true)}>{translate('doudi.meetings.record_report')}</Button>
        )
      }
    >
      {reports.error && <Alert severity="error">{(reports.error as Error).message}</Alert>}
      {rows && (
        <RowsTable
          rows={rows}
          columns={[
            [translate('resources.organisations.name'), (r) => r.name],
            [
              translate('doudi.staff.status'),
              (r) => (
                <Stack direction="row" spacing={1}>
                  {r.status}
                </Stack>
              ),
            ],
            [translate('doudi.meetings.report_summary'), (r) => r.summary],
          ]}
        />
      )}
      {recording && (
        <RecordReport meeting={meeting} year={year} missing={missing} onClose={() => setRecording(false)} />
      )}
    </Section>
  );
}
