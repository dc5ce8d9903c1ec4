import { useState } from 'react';
import { Alert, Box, Card, CardContent, IconButton, Stack, Typography } from '@mui/material';
import ChevronLeftIcon from '@mui/icons-material/ChevronLeft';
import ChevronRightIcon from '@mui/icons-material/ChevronRight';
import { Loading, useCanAccess, useTranslate } from 'react-admin';
import { today } from '../format';
import { useJurisdiction, useWorkingJurisdiction } from '../jurisdictions';
import { JurisdictionBar } from '../standards/JurisdictionBar';
import { Calculator } from './Calculator';
import { useCalendarDays } from './data';
import { OverridesCard } from './OverridesCard';
import { ScheduleStatus } from './ScheduleStatus';
import { YearView } from './YearView';

/**
 * A division's working-day calendar for a year: the twelve months with national and local days marked, the
 * local changes (its own editable, those above it named), the national schedule's state, and a deadline
 * calculator that moves as soon as a change is saved.
 */
export function CalendarPage() {
  const translate = useTranslate();
  const { working } = useWorkingJurisdiction();
  const jurisdiction = useJurisdiction(working);
  const [year, setYear] = useState(Number(today().slice(0, 4)));
  const { canAccess: canEdit = false } = useCanAccess({ resource: 'calendar', action: 'edit' });
  const days = useCalendarDays(working, year);
  const names = new Map((jurisdiction.data?.ancestors ?? []).map((a) => [a.code, a.name]));
  return (
    <Box>
      <JurisdictionBar title="doudi.calendar.title">
        <Stack direction="row" sx={{ alignItems: 'center' }}>
          <IconButton aria-label={translate('doudi.calendar.previous_year')} onClick={() => setYear(year - 1)}>
            <ChevronLeftIcon />
          </IconButton>
          <Typography component="span" variant="h6" aria-live="polite" data-testid="calendar-year">
            {translate('doudi.standards.year', { year })}
          </Typography>
          <IconButton aria-label={translate('doudi.calendar.next_year')} onClick={() => setYear(year + 1)}>
            <ChevronRightIcon />
          </IconButton>
        </Stack>
      </JurisdictionBar>
      <ScheduleStatus year={year} canEdit={canEdit} />
      {working && (
        <Stack direction={{ xs: 'column', lg: 'row' }} spacing={2} sx={{ mb: 2, alignItems: 'flex-start' }}>
          <Box sx={{ flex: 1, width: '100%' }}>
            <Calculator jurisdictionCode={working} />
          </Box>
          <Box sx={{ flex: 1, width: '100%' }}>
            <OverridesCard
              jurisdictionCode={working}
              year={year}
              names={names}
              canEdit={canEdit}
              title={translate('doudi.calendar.overrides')}
              intro={translate('doudi.calendar.overrides_intro')}
              empty={translate('doudi.calendar.overrides_empty')}
              addLabel={translate('doudi.calendar.add_override')}
            />
          </Box>
        </Stack>
      )}
      <Card>
        <CardContent>
          {days.error && <Alert severity="error">{(days.error as Error).message}</Alert>}
          {days.isPending && working ? <Loading /> : <YearView year={year} days={days.data ?? []} />}
        </CardContent>
      </Card>
    </Box>
  );
}
