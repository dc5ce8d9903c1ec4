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

/** The words of a dialog showing another secret (a webhook's signing secret): its title, warning and labels. */
export interface SecretWords {
  title: string;
  warning: string;
  id: string;
  secret: string;
}

const CLIENT_WORDS: SecretWords = {
  title: 'doudi.api_clients.secret_title',
  warning: 'doudi.api_clients.secret_warning',
  id: 'doudi.api_clients.client_id',
  secret: 'doudi.api_clients.client_secret',
};

/**
 * The new client's id and secret, shown this once (the API keeps only the secret's hash): copy buttons, and a
 * warning that closing loses it. It closes only by its button, not by a click beside it. `words` names another
 * secret shown the same way (a webhook subscription's signing secret).
 */
export function SecretDialog({
  clientId,
  secret,
  onClose,
  words = CLIENT_WORDS,
}: {
  clientId: string;
  secret: string;
  onClose: () => void;
  words?: SecretWords;
}) {
  const translate = useTranslate();
  const [open, setOpen] = useState(true);
  return (
    <Dialog open={open} aria-labelledby="secret-title" fullWidth maxWidth="sm" disableEscapeKeyDown>
      <DialogTitle id="secret-title">{translate(words.title)}</DialogTitle>
      <DialogContent>
        <Alert severity="warning" sx={{ mb: 2 }}>
          {translate(words.warning)}
        </Alert>
        <Stack spacing={2}>
          <Copyable label={translate(words.id)} value={clientId} testId="client-id" />
          <Copyable label={translate(words.secret)} value={secret} testId="client-secret" />
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
