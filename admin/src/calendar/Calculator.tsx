import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, CardContent, Stack, TextField, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { execute } from '../data/client';
import { today } from '../format';
import { DateField, isDate } from '../DateField';
import { ADD_WORKING_DAYS } from './documents';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** The API words its warnings in English for developers; a person reads them in the console's language. */
function warningText(translate: Translate, warning: string): string {
  let m = warning.match(/^(\d{4}) has no published holiday schedule/);
  if (m) return translate('doudi.calendar.warnings.unknown', { year: m[1] });
  m = warning.match(/^(\d{4})'s holiday schedule has been entered only in part/);
  if (m) return translate('doudi.calendar.warnings.partial', { year: m[1] });
  m = warning.match(/29–31 December (\d{4}) may be changed/);
  if (m) return translate('doudi.calendar.warnings.reach', { year: m[1], next: Number(m[1]) + 1 });
  return warning;
}

/**
 * A date plus N working days in this division's calendar, to check a deadline. It reads under the 'calendar' key,
 * so adding or removing an override moves the date shown at once.
 */
export function Calculator({ jurisdictionCode }: { jurisdictionCode: string }) {
  const translate = useTranslate();
  const [from, setFrom] = useState(today());
  const [days, setDays] = useState('5');
  const n = Number(days);
  const valid = isDate(from) && /^\d+$/.test(days) && n <= 1000;
  const result = useQuery({
    queryKey: ['calendar', 'add', jurisdictionCode, from, n],
    queryFn: ({ signal }) =>
      execute(ADD_WORKING_DAYS, { jurisdictionCode, from, days: n }, { signal }).then((d) => d.addWorkingDays),
    enabled: valid,
  });
  return (
    <Card data-testid="calculator">
      <CardContent>
        <Typography variant="h6" component="h2">
          {translate('doudi.calendar.calculator')}
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {translate('doudi.calendar.calculator_intro')}
        </Typography>
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: { sm: 'center' } }}>
          <DateField
            size="small"
            label={translate('doudi.calendar.from')}
            value={from}
            onChange={(e) => setFrom(e.target.value.trim())}
            error={!isDate(from)}
          />
          <TextField
            label={translate('doudi.calendar.days')}
            value={days}
            onChange={(e) => setDays(e.target.value)}
            size="small"
            error={!valid}
            slotProps={{ htmlInput: { inputMode: 'numeric' } }}
            sx={{ width: 140 }}
          />
          <Typography variant="h6" component="p" role="status" data-testid="due-date">
            {valid && result.data ? translate('doudi.calendar.due', { date: result.data.date }) : '…'}
          </Typography>
        </Stack>
        {result.error && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {result.error.message}
          </Alert>
        )}
        {result.data && !result.data.scheduleComplete && (
          <Alert severity="warning" sx={{ mt: 2 }}>
            {translate('doudi.calendar.incomplete')}
            {result.data.warnings.map((w) => (
              <div key={w}>{warningText(translate, w)}</div>
            ))}
          </Alert>
        )}
      </CardContent>
    </Card>
  );
}
