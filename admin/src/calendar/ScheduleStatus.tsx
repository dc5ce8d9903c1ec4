import { useState } from 'react';
import { Alert, Box } from '@mui/material';
import { Button, Confirm, useNotify, usePermissions, useTranslate } from 'react-admin';
import type { Viewer } from '../auth/auth-provider';
import { ApiError } from '../data/api-error';
import { execute } from '../data/client';
import { instant } from '../format';
import { useNationalSchedule, useRefreshCalendar } from './data';
import { DECLARE_CALENDAR_YEAR } from './documents';
import { OverridesCard } from './OverridesCard';

/**
 * Whether the year's national schedule is known. For a year the system does not ship, a SYSTEM_ADMIN enters the
 * State Council's days and declares the year complete; everyone else is told that deadlines in it only count
 * weekends until then.
 */
export function ScheduleStatus({ year, canEdit }: { year: number; canEdit: boolean }) {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefreshCalendar();
  const { permissions } = usePermissions<Viewer>();
  const systemAdmin = !!permissions?.roles.includes('SYSTEM_ADMIN');
  const { data: schedule } = useNationalSchedule(year);
  const [confirming, setConfirming] = useState(false);
  if (!schedule) return null;
  const declare = async () => {
    setConfirming(false);
    try {
      await execute(DECLARE_CALENDAR_YEAR, { input: { year } });
      await refresh();
      notify('doudi.calendar.declared', { type: 'success', messageArgs: { year } });
    } catch (error) {
      notify(error instanceof ApiError ? error.message : String(error), { type: 'error', multiLine: true });
    }
  };
  const status = schedule.shipped ? (
    <Alert severity="info">{translate('doudi.calendar.schedule_shipped', { year })}</Alert>
  ) : schedule.complete ? (
    <Alert severity="success">
      {translate('doudi.calendar.schedule_declared', { year, at: instant(schedule.declaredAt) })}
    </Alert>
  ) : (
    <Alert severity="warning" data-testid="schedule-missing">
      {translate('doudi.calendar.schedule_missing', { year })}
    </Alert>
  );
  if (schedule.shipped || !systemAdmin) return <Box sx={{ mb: 2 }}>{status}</Box>;
  return (
    <Box sx={{ mb: 2 }}>
      <OverridesCard
        jurisdictionCode={null}
        year={year}
        names={new Map()}
        canEdit={canEdit && !schedule.complete}
        title={translate('doudi.calendar.national')}
        intro={translate('doudi.calendar.national_intro', { year })}
        empty={translate('doudi.calendar.national_empty')}
        addLabel={translate('doudi.calendar.add_national')}
      >
        <Box sx={{ mb: 1 }}>{status}</Box>
        {canEdit && !schedule.complete && (
          <Button label={translate('doudi.calendar.declare', { year })} onClick={() => setConfirming(true)} />
        )}
      </OverridesCard>
      <Confirm
        isOpen={confirming}
        title={translate('doudi.calendar.declare', { year })}
        content={translate('doudi.calendar.declare_confirm', { year })}
        onConfirm={() => void declare()}
        onClose={() => setConfirming(false)}
      />
    </Box>
  );
}
