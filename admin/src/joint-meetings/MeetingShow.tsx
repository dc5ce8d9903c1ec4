import { useState } from 'react';
import {
  Card,
  CardContent,
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
import { Show, useRecordContext, useTranslate } from 'react-admin';
import { RowsTable, Section } from '../Section';
import { AnnualSummary } from './AnnualSummary';
import type { MeetingRecord } from './data';
import { Reports } from './Reports';
import { Sessions } from './Sessions';

function Overview({ meeting }: { meeting: MeetingRecord }) {
  const translate = useTranslate();
  const rows: [string, string][] = [
    [translate('resources.joint-meetings.fields.jurisdiction'), meeting.jurisdiction.name],
    [translate('doudi.meetings.convenor'), meeting.convenor ?? '—'],
    [translate('doudi.meetings.deputies'), meeting.deputyConvenors.join('、') || '—'],
    [translate('doudi.meetings.office'), meeting.office.name],
    [translate('doudi.meetings.office_location'), meeting.officeLocation ?? '—'],
    [translate('doudi.meetings.interval'), translate('doudi.meetings.months', { n: meeting.plenaryIntervalMonths })],
    [translate('doudi.meetings.last_plenary'), meeting.lastPlenaryDate ?? '—'],
  ];
  return (
    <Card component="section" aria-labelledby="meeting-title">
      <CardContent>
        <Typography id="meeting-title" variant="h5" component="h1" sx={{ mb: 1 }}>
          {meeting.name}
        </Typography>
        <Chip
          sx={{ mb: 1 }}
          color={meeting.plenaryOverdue ? 'error' : 'default'}
          label={translate(meeting.plenaryOverdue ? 'doudi.meetings.plenary_overdue' : 'doudi.meetings.next_plenary', {
            date: meeting.nextPlenaryDue,
          })}
        />
        <Table size="small">
          <TableBody>
            {rows.map(([label, value]) => (
              <TableRow key={label}>
                <TableCell component="th" scope="row" sx={{ width: 200 }}>
                  {label}
                </TableCell>
                <TableCell>{value}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </CardContent>
    </Card>
  );
}

function Members({ meeting }: { meeting: MeetingRecord }) {
  const translate = useTranslate();
  return (
    <Section id="members-title" title={`${translate('doudi.meetings.members')}（${meeting.members.totalCount}）`}>
      <RowsTable
        rows={meeting.members.nodes}
        columns={[
          [translate('resources.organisations.name'), (m) => m.organisation.name],
          [translate('doudi.meetings.role'), (m) => translate(`doudi.meetings.roles.${m.role}`)],
          [translate('doudi.meetings.liaison'), (m) => m.liaisonName ?? '—'],
          [translate('doudi.meetings.liaison_phone'), (m) => m.liaisonPhone ?? '—'],
          [translate('doudi.meetings.joined'), (m) => m.joinedAt.slice(0, 10)],
        ]}
      />
    </Section>
  );
}

function Page() {
  const meeting = useRecordContext<MeetingRecord>();
  const translate = useTranslate();
  // Reports and the summary are on a year that has ended: the last one by default.
  const lastYear = new Date().getFullYear() - 1;
  const [year, setYear] = useState(lastYear);
  // The list's row may stand in while the page's own query runs: wait for the members and sessions.
  if (!meeting?.members || !meeting.sessions) return null;
  return (
    <Stack spacing={2} sx={{ p: 2 }}>
      <Overview meeting={meeting} />
      <Members meeting={meeting} />
      <Sessions meeting={meeting} />
      <TextField
        select
        size="small"
        label={translate('doudi.meetings.report_year')}
        value={year}
        onChange={(e) => setYear(Number(e.target.value))}
        sx={{ width: 160 }}
      >
        {[0, 1, 2, 3].map((back) => (
          <MenuItem key={back} value={lastYear - back}>
            {lastYear - back}
          </MenuItem>
        ))}
      </TextField>
      <Reports meeting={meeting} year={year} />
      <AnnualSummary meeting={meeting} year={year} />
    </Stack>
  );
}

/** A joint meeting: its members and liaisons, sessions and agreed actions, yearly reports, annual summary. */
export function MeetingShow() {
  return (
    <Show component="div">
      <Page />
    </Show>
  );
}
