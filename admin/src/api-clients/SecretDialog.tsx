import { useState } from 'react';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  IconButton,
  Stack,
  TextField,
  Tooltip,
} from '@mui/material';
import { useNotify, useTranslate } from 'react-admin';

function Copyable({ label, value, testId }: { label: string; value: string; testId: string }) {
  const translate = useTranslate();
  const notify = useNotify();
  const copy = async () => {
    await navigator.clipboard.writeText(value);
    notify('doudi.api_clients.copied', { type: 'info' });
  };
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
      <TextField
        label={label}
        value={value}
        fullWidth
        size="small"
        slotProps={{ htmlInput: { readOnly: true, 'data-testid': testId, style: { fontFamily: 'monospace' } } }}
      />
      <Tooltip title={translate('doudi.api_clients.copy')}>
        <IconButton aria-label={`${translate('doudi.api_clients.copy')} ${label}`} onClick={() => void copy()}>
          <ContentCopyIcon />
        </IconButton>
      </Tooltip>
    </Stack>
  );
}

/**
 * The new client's id and secret, shown this once (the API keeps only the secret's hash): copy buttons, and a
 * warning that closing loses it. It closes only by its button, not by a click beside it.
 */
export function SecretDialog({ clientId, secret, onClose }: { clientId: string; secret: string; onClose: () => void }) {
  const translate = useTranslate();
  const [open, setOpen] = useState(true);
  return (
    <Dialog open={open} aria-labelledby="secret-title" fullWidth maxWidth="sm" disableEscapeKeyDown>
      <DialogTitle id="secret-title">{translate('doudi.api_clients.secret_title')}</DialogTitle>
      <DialogContent>
        <Alert severity="warning" sx={{ mb: 2 }}>
          {translate('doudi.api_clients.secret_warning')}
        </Alert>
        <Stack spacing={2}>
          <Copyable label={translate('doudi.api_clients.client_id')} value={clientId} testId="client-id" />
          <Copyable label={translate('doudi.api_clients.client_secret')} value={secret} testId="client-secret" />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button
          variant="contained"
          onClick={() => {
            setOpen(false);
            onClose();
          }}
        >
          {translate('doudi.api_clients.saved_it')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
