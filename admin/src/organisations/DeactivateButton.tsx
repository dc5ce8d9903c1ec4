import { useState } from 'react';
import BlockIcon from '@mui/icons-material/Block';
import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, TextField } from '@mui/material';
import { useNotify, useRefresh, useTranslate } from 'react-admin';
import { ApiError } from '../data/api-error';

interface Props {
  /** Keys under doudi.<words>: deactivate, deactivate_title, deactivate_text, deactivated (and reason, reason_help). */
  words: 'organisations' | 'staff' | 'api_clients';
  name: string;
  /** Ask for the reason, required (organisations keep it). */
  withReason?: boolean;
  onConfirm: (reason: string) => Promise<unknown>;
}

/**
 * Deactivation, which cannot be undone, behind a dialog that says what it does (and asks why, where the API
 * keeps a reason); the API's refusal (FORBIDDEN naming the permission not held …) is said in words.
 */
export function DeactivateButton({ words, name, withReason, onConfirm }: Props) {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const titleId = `deactivate-${words}-title`;
  const confirm = async () => {
    if (withReason && !reason.trim()) {
      setError(translate('ra.validation.required'));
      return;
    }
    setBusy(true);
    try {
      await onConfirm(reason.trim());
      notify(`doudi.${words}.deactivated`, { type: 'success' });
      setOpen(false);
      refresh();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      notify(e.message, { type: 'error', multiLine: true });
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button color="error" startIcon={<BlockIcon />} onClick={() => setOpen(true)}>
        {translate(`doudi.${words}.deactivate`)}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} aria-labelledby={titleId} fullWidth maxWidth="sm">
        <DialogTitle id={titleId}>{translate(`doudi.${words}.deactivate_title`, { name })}</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>{translate(`doudi.${words}.deactivate_text`)}</DialogContentText>
          {withReason && (
            <TextField
              label={translate('doudi.organisations.reason')}
              value={reason}
              onChange={(e) => {
                setReason(e.target.value);
                setError(null);
              }}
              required
              fullWidth
              multiline
              minRows={2}
              error={!!error}
              helperText={error ?? translate('doudi.organisations.reason_help')}
              slotProps={{ htmlInput: { maxLength: 500 } }}
            />
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>{translate('ra.action.cancel')}</Button>
          <Button color="error" variant="contained" disabled={busy} onClick={() => void confirm()}>
            {translate(`doudi.${words}.deactivate`)}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
