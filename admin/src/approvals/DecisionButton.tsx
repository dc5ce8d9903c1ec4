import { useState, type ReactNode } from 'react';
import { Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle } from '@mui/material';
import { Button, Form, SaveButton, useNotify, useRefresh, useTranslate } from 'react-admin';
import { ApiError } from '../data/api-error';

/**
 * One decision as a button and its form in a dialog: the API's refusal is said in words, a field it names gets
 * the message at that field, and the form keeps what was typed.
 */
export function DecisionButton({
  id,
  label,
  help,
  defaults,
  run,
  variant = 'outlined',
  children,
}: {
  id: string;
  label: string;
  help?: string;
  defaults?: Record<string, unknown>;
  run: (values: Record<string, unknown>) => Promise<unknown>;
  variant?: 'outlined' | 'contained';
  children: ReactNode;
}) {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const title = translate(label);
  const submit = async (values: Record<string, unknown>) => {
    try {
      await run(values);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      notify(error.message, { type: 'error', autoHideDuration: 10_000, messageArgs: { _: error.message } });
      return error.body?.errors;
    }
    notify('doudi.approvals.done', { type: 'success', messageArgs: { step: title } });
    setOpen(false);
    refresh();
    return undefined;
  };
  return (
    <>
      <Button label={label} variant={variant} onClick={() => setOpen(true)} />
      <Dialog open={open} onClose={() => setOpen(false)} aria-labelledby={`${id}-title`} maxWidth="sm" fullWidth>
        <Form onSubmit={submit} defaultValues={defaults}>
          <DialogTitle id={`${id}-title`}>{title}</DialogTitle>
          <DialogContent>
            {help && <DialogContentText sx={{ mb: 2 }}>{help}</DialogContentText>}
            {children}
          </DialogContent>
          <DialogActions>
            <Button label="ra.action.cancel" onClick={() => setOpen(false)} />
            <SaveButton label={label} alwaysEnable icon={<span />} />
          </DialogActions>
        </Form>
      </Dialog>
    </>
  );
}
