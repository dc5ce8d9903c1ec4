import { useEffect, useState } from 'react';
import { Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, TextField } from '@mui/material';
import VisibilityIcon from '@mui/icons-material/Visibility';
import { Button, useNotify, useRefresh, useTranslate } from 'react-admin';
import { execute } from '../data/client';
import { ApiError } from '../data/api-error';
import { REVEAL } from './documents';

/** How long a revealed number stays on screen before it is masked again. */
export const REVEAL_SECONDS = 30;

type Field = 'ID_NUMBER' | 'PHONE';

/**
 * A masked ID or phone number with a button that asks why, reveals the number through the API (which writes the
 * audit log before answering) and masks it again after REVEAL_SECONDS — the number is never kept anywhere else.
 */
export function RevealableNumber({
  personId,
  personName,
  field,
  masked,
  mayReveal,
}: {
  personId: string;
  personName: string;
  field: Field;
  masked: string | null;
  mayReveal: boolean;
}) {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [purpose, setPurpose] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [shown, setShown] = useState<{ value: string; left: number } | null>(null);
  const what = translate(`doudi.households.reveal.fields.${field}`);

  useEffect(() => {
    if (!shown) return undefined;
    if (shown.left <= 0) {
      setShown(null);
      return undefined;
    }
    const timer = setTimeout(() => setShown({ ...shown, left: shown.left - 1 }), 1000);
    return () => clearTimeout(timer);
  }, [shown]);

  if (!masked) return <>—</>;
  const submit = async () => {
    try {
      const { revealPersonalData } = await execute(REVEAL, { input: { personId, field, purpose } });
      setOpen(false);
      setPurpose('');
      setError(null);
      setShown({ value: revealPersonalData.value ?? '', left: REVEAL_SECONDS });
      // The reveal is now in the audit log: the page's list of reveals shows it.
      refresh();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const fieldError = e.body?.errors.purpose;
      setError(fieldError ?? e.message);
      if (!fieldError) notify(e.message, { type: 'error', messageArgs: { _: e.message } });
    }
  };
  const titleId = `reveal-${field}-${personId}`;
  return (
    <span data-reveal={field}>
      {shown ? (
        <span data-revealed>
          <strong>{shown.value}</strong>{' '}
          <small>{translate('doudi.households.reveal.masks_in', { seconds: shown.left })}</small>
        </span>
      ) : (
        <span>{masked}</span>
      )}
      {mayReveal && !shown && (
        <Button label="doudi.households.reveal.action" onClick={() => setOpen(true)} size="small">
          <VisibilityIcon />
        </Button>
      )}
      <Dialog open={open} onClose={() => setOpen(false)} aria-labelledby={titleId} maxWidth="sm" fullWidth>
        <DialogTitle id={titleId}>{translate('doudi.households.reveal.title', { what, name: personName })}</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>
            {translate('doudi.households.reveal.help', { seconds: REVEAL_SECONDS })}
          </DialogContentText>
          <TextField
            autoFocus
            fullWidth
            required
            label={translate('doudi.households.reveal.purpose')}
            placeholder={translate('doudi.households.reveal.purpose_example')}
            value={purpose}
            onChange={(e) => setPurpose(e.target.value)}
            error={!!error}
            helperText={error ?? ' '}
            slotProps={{ htmlInput: { maxLength: 200 } }}
          />
        </DialogContent>
        <DialogActions>
          <Button label="ra.action.cancel" onClick={() => setOpen(false)} />
          <Button label="doudi.households.reveal.confirm" variant="contained" onClick={() => void submit()} />
        </DialogActions>
      </Dialog>
    </span>
  );
}
