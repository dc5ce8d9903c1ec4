import { useState } from 'react';
import { Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField, Typography } from '@mui/material';
import { Controller, useForm } from 'react-hook-form';
import { useNotify, useTranslate } from 'react-admin';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError, formField } from '../data/api-error';
import { execute } from '../data/client';
import type { TimeLimit } from './data';
import { SET_DEADLINE } from './documents';
import { limitText, splitSource } from './text';

interface LimitForm {
  amount: string;
  reason: string;
}

/** Sets the division's own limit for one rule, or returns to the inherited one; the API's refusal shows at its field. */
export function TimeLimitDialog(props: { limit: TimeLimit; jurisdictionCode: string; onClose: () => void }) {
  const { limit, jurisdictionCode } = props;
  const translate = useTranslate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const form = useForm<LimitForm>({ defaultValues: { amount: String(limit.amount), reason: '' } });
  const own = limit.setBy === jurisdictionCode;
  const rule = translate(`doudi.time_limits.rules.${limit.rule}`);

  const send = async (amount: number | undefined, reason: string) => {
    setBusy(true);
    try {
      await execute(SET_DEADLINE, {
        input: { jurisdictionCode, rule: limit.rule, amount, reason: reason || undefined },
      });
      await queryClient.invalidateQueries({ queryKey: ['time-limits'] });
      notify(amount === undefined ? 'doudi.time_limits.restored' : 'doudi.time_limits.saved', { type: 'success' });
      props.onClose();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const field = formField(error.first.extensions?.field);
      // The API says the bounds in English; the help text says them in the person's words.
      if (field === 'amount') {
        form.setError('amount', { type: 'server', message: translate(`doudi.time_limits.unit_help.${limit.unit}`) });
      } else notify(error.message, { type: 'error', multiLine: true });
    } finally {
      setBusy(false);
    }
  };

  const save = form.handleSubmit((values) => send(Number(values.amount), values.reason.trim()));
  return (
    <Dialog open onClose={props.onClose} fullWidth maxWidth="sm" aria-labelledby="time-limit-title">
      <form onSubmit={(event) => void save(event)} noValidate>
        <DialogTitle id="time-limit-title">{translate('doudi.time_limits.edit_title', { rule })}</DialogTitle>
        <DialogContent>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
            {translate('doudi.time_limits.regulation')}：{limitText(translate, limit.defaultAmount, limit.unit)}（
            {splitSource(limit.defaultSource).citation}）
          </Typography>
          <Stack spacing={2}>
            <Controller
              control={form.control}
              name="amount"
              rules={{
                required: translate('ra.validation.required'),
                pattern: { value: /^\d+$/, message: translate(`doudi.time_limits.unit_help.${limit.unit}`) },
              }}
              render={({ field, fieldState }) => (
                <TextField
                  {...field}
                  label={translate('doudi.time_limits.amount')}
                  required
                  size="small"
                  error={!!fieldState.error}
                  helperText={fieldState.error?.message ?? translate(`doudi.time_limits.unit_help.${limit.unit}`)}
                  slotProps={{ htmlInput: { inputMode: 'numeric' } }}
                />
              )}
            />
            <Controller
              control={form.control}
              name="reason"
              render={({ field }) => (
                <TextField {...field} label={translate('doudi.time_limits.reason')} size="small" />
              )}
            />
          </Stack>
        </DialogContent>
        <DialogActions>
          {own && (
            <Button onClick={() => void send(undefined, '')} disabled={busy} sx={{ mr: 'auto' }}>
              {translate('doudi.time_limits.restore')}
            </Button>
          )}
          <Button onClick={props.onClose}>{translate('ra.action.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={busy}>
            {translate('ra.action.save')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
