import { Chip, Stack } from '@mui/material';
import { useTranslate } from 'react-admin';

/*
 * Due state and the green channel, in colour AND words (a person who does not see the colour reads the word; the
 * colours keep WCAG AA contrast with their text).
 */
const OVERDUE = { bgcolor: '#b71c1c', color: '#fff' };
const AT_RISK = { bgcolor: '#fff3e0', color: '#6d3a00', border: '1px solid #e65100' };
const GREEN = { bgcolor: '#1b5e20', color: '#fff' };

export function DueMarker({ overdue, atRisk }: { overdue?: boolean; atRisk?: boolean }) {
  const translate = useTranslate();
  if (overdue)
    return <Chip size="small" sx={OVERDUE} label={translate('doudi.cases.due.overdue')} data-due="overdue" />;
  if (atRisk) return <Chip size="small" sx={AT_RISK} label={translate('doudi.cases.due.at_risk')} data-due="at-risk" />;
  return null;
}

export function GreenChannelMarker({ title }: { title?: string }) {
  const translate = useTranslate();
  return (
    <Chip size="small" sx={GREEN} label={translate('doudi.cases.green_channel')} title={title} data-green-channel />
  );
}

/** A due date with its state beside it ("2026-11-30 已逾期"); undated steps say so. */
export function DueDate({ date, overdue, atRisk }: { date?: string | null; overdue?: boolean; atRisk?: boolean }) {
  const translate = useTranslate();
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
      <span>{date ?? translate('doudi.cases.due.none')}</span>
      <DueMarker overdue={overdue} atRisk={atRisk} />
    </Stack>
  );
}
