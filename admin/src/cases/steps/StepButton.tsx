import { useState } from 'react';
import { Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle } from '@mui/material';
import { Button, Form, SaveButton, useNotify, useRefresh, useTranslate } from 'react-admin';
import { ApiError } from '../../data/api-error';
import { StepFields } from './StepFields';
import { VisitFields } from './VisitFields';
import type { Step } from './step';

/** Initial values: each field's default (today for a step's own date). */
const defaultsOf = (step: Step) =>
  Object.fromEntries(step.fields.filter((f) => f.defaultValue !== undefined).map((f) => [f.name, f.defaultValue]));

/**
 * A step as a button and its form in a dialog. The API's refusal is shown in words; a field it names gets the
 * message at that field; the form keeps what was typed (a CONFLICT too: read the case again, then send again).
 */
export function StepButton({ step, jurisdictionCode }: { step: Step; jurisdictionCode: string }) {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [key, setKey] = useState(() => crypto.randomUUID());
  const label = translate(`doudi.cases.steps.${step.id}.label`);
  const titleId = `step-${step.id}-${step.subject ?? ''}-title`;

  const submit = async (values: Record<string, unknown>) => {
    try {
      await step.run(values, key);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      // The message is already in words (data/describe-error.ts), not a translation key.
      notify(error.message, { type: 'error', autoHideDuration: 10_000, messageArgs: { _: error.message } });
      const fields = error.body?.errors;
      if (!fields) return undefined;
      return Object.fromEntries(
        Object.entries(fields).map(([field, message]) => [step.formField?.(field) ?? field, message]),
      );
    }
    notify('doudi.cases.step_done', { type: 'success', messageArgs: { step: label } });
    setOpen(false);
    setKey(crypto.randomUUID());
    refresh();
    return undefined;
  };

  return (
    <>
      <Button label={label} variant="outlined" onClick={() => setOpen(true)} />
      <Dialog open={open} onClose={() => setOpen(false)} aria-labelledby={titleId} maxWidth="md" fullWidth>
        <Form onSubmit={submit} defaultValues={defaultsOf(step)}>
          <DialogTitle id={titleId}>
            {label}
            {step.subject ? ` · ${step.subject}` : ''}
          </DialogTitle>
          <DialogContent>
            <DialogContentText sx={{ mb: 2 }}>
              {translate(`doudi.cases.steps.${step.id}.help`, { _: '' })}
            </DialogContentText>
            {step.visit && <VisitFields allAreas={step.visit.allAreas} />}
            <StepFields fields={step.fields} jurisdictionCode={jurisdictionCode} />
          </DialogContent>
          <DialogActions>
            <Button label="ra.action.cancel" onClick={() => setOpen(false)} />
            <SaveButton label={label} alwaysEnable />
          </DialogActions>
        </Form>
      </Dialog>
    </>
  );
}
