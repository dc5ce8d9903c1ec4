import { useState } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  Radio,
  RadioGroup,
  Stack,
  TextField,
} from '@mui/material';
import { Controller, useForm, type FieldPath } from 'react-hook-form';
import { useNotify, useTranslate } from 'react-admin';
import { ApiError, formField } from '../data/api-error';
import { fieldMessage } from '../data/describe-error';
import { execute } from '../data/client';
import type { Override } from './data';
import { useRefreshCalendar } from './data';
import { DateField, isDate } from '../DateField';
import { ADD_CALENDAR_OVERRIDE, REMOVE_CALENDAR_OVERRIDE } from './documents';

interface OverrideForm {
  date: string;
  kind: 'HOLIDAY' | 'WORKING_DAY';
  reason: string;
}

/**
 * Adds a day to a division's calendar (or, with no division, a national day a SYSTEM_ADMIN enters for a year the
 * system lacks), or changes one: an entry is changed by removing it and adding the new one, and put back if the
 * new one is refused, so a refusal never loses the entry.
 */
export function OverrideDialog(props: {
  jurisdictionCode: string | null;
  year: number;
  editing?: Override;
  title: string;
  onClose: () => void;
}) {
  const { jurisdictionCode, editing } = props;
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefreshCalendar();
  const [busy, setBusy] = useState(false);
  const form = useForm<OverrideForm>({
    defaultValues: editing
      ? { date: editing.date, kind: editing.kind, reason: editing.reason }
      : { date: '', kind: 'HOLIDAY', reason: '' },
  });

  const save = form.handleSubmit(async (values) => {
    setBusy(true);
    const add = (entry: OverrideForm) =>
      execute(ADD_CALENDAR_OVERRIDE, { input: { ...entry, reason: entry.reason.trim(), jurisdictionCode } });
    try {
      if (editing) await execute(REMOVE_CALENDAR_OVERRIDE, { input: { jurisdictionCode, date: editing.date } });
      try {
        await add(values);
      } catch (error) {
        if (editing) await add({ date: editing.date, kind: editing.kind, reason: editing.reason }).catch(() => null);
        throw error;
      }
      await refresh();
      notify('doudi.calendar.saved_override', { type: 'success', messageArgs: { date: values.date } });
      props.onClose();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const field = formField(error.first.extensions?.field);
      if (field === 'date' || field === 'kind' || field === 'reason') {
        // A second entry for the same day is a CONFLICT naming the date: it belongs at the date too.
        const message = error.code === 'CONFLICT' ? translate('doudi.calendar.duplicate') : fieldMessage(error.first);
        form.setError(field as FieldPath<OverrideForm>, { type: 'server', message });
      } else notify(error.message, { type: 'error', multiLine: true });
    } finally {
      setBusy(false);
    }
  });

  return (
    <Dialog open onClose={props.onClose} fullWidth maxWidth="sm" aria-labelledby="override-title">
      <form onSubmit={(event) => void save(event)} noValidate>
        <DialogTitle id="override-title">{props.title}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ mt: 1 }}>
            <Controller
              control={form.control}
              name="date"
              rules={{
                required: translate('ra.validation.required'),
                validate: (v) =>
                  !isDate(v)
                    ? translate('doudi.calendar.date_format')
                    : v.startsWith(`${props.year}-`) || translate('doudi.calendar.date_in_year', { year: props.year }),
              }}
              render={({ field, fieldState }) => (
                <DateField
                  size="small"
                  {...field}
                  label={translate('doudi.calendar.override_date')}
                  required
                  disabled={!!editing}
                  error={!!fieldState.error}
                  helperText={fieldState.error?.message}
                />
              )}
            />
            <Controller
              control={form.control}
              name="kind"
              render={({ field }) => (
                <RadioGroup {...field} row aria-label={translate('doudi.calendar.override_kind')}>
                  {(['HOLIDAY', 'WORKING_DAY'] as const).map((kind) => (
                    <FormControlLabel
                      key={kind}
                      value={kind}
                      control={<Radio />}
                      label={translate(`doudi.calendar.kinds.${kind}`)}
                    />
                  ))}
                </RadioGroup>
              )}
            />
            <Controller
              control={form.control}
              name="reason"
              rules={{ required: translate('ra.validation.required') }}
              render={({ field, fieldState }) => (
                <TextField
                  {...field}
                  label={translate('doudi.calendar.override_reason')}
                  required
                  size="small"
                  error={!!fieldState.error}
                  helperText={fieldState.error?.message ?? translate('doudi.calendar.reason_help')}
                />
              )}
            />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onClose}>{translate('ra.action.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={busy}>
            {translate('ra.action.save')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
