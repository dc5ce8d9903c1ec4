import { useEffect, useState, type FormEvent } from 'react';
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  TextField,
} from '@mui/material';
import { useLogout, useTranslate } from 'react-admin';
import { signIn } from '../auth/auth-provider';
import { currentSession, onReauthentication, settleReauthentication } from '../auth/session';

/**
 * Asks for the password again when the 15-minute token has expired, over whatever page is open: the request
 * that met the expiry waits and is retried, so a half-filled form stays as it was.
 */
export function SessionDialog() {
  const translate = useTranslate();
  const logout = useLogout();
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => onReauthentication(setOpen), []);
  const username = currentSession()?.username ?? '';
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await signIn(username, password);
      setPassword('');
      setError(null);
      settleReauthentication();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <Dialog open={open} aria-labelledby="session-title" disableEscapeKeyDown>
      <form onSubmit={(e) => void submit(e)}>
        <DialogTitle id="session-title">{translate('doudi.session.expired_title')}</DialogTitle>
        <DialogContent>
          <DialogContentText>{translate('doudi.session.expired_text')}</DialogContentText>
          <TextField label={translate('ra.auth.username')} value={username} disabled fullWidth margin="dense" />
          <TextField
            label={translate('ra.auth.password')}
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoFocus
            fullWidth
            margin="dense"
          />
          {error && <Alert severity="error">{error}</Alert>}
          <DialogContentText variant="caption">{translate('doudi.session.other_user')}</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button
            onClick={() => {
              settleReauthentication(new Error('signed out'));
              void logout();
            }}
          >
            {translate('ra.auth.logout')}
          </Button>
          <Button type="submit" variant="contained" disabled={!password}>
            {translate('doudi.session.sign_in_again')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
