import { useState } from 'react';
import { Button, Dialog, DialogActions, DialogContent, DialogTitle } from '@mui/material';
import {
  ArrayInput,
  Form,
  SelectInput,
  SimpleFormIterator,
  TextInput,
  maxLength,
  required,
  useNotify,
  useTranslate,
} from 'react-admin';
import { ApiError } from '../data/api-error';
import { execute } from '../data/client';
import { isDate } from '../DateField';
import { today } from '../format';
import { OrganisationInput } from '../organisations';
import { RECORD_SESSION } from './documents';

const date = (value: string) => (value && !isDate(value) ? 'doudi.meetings.date_format' : undefined);
const notFuture = (value: string) => (value && value > today() ? 'doudi.meetings.date_future' : undefined);

interface SessionForm {
  title: string;
  kind: 'PLENARY' | 'SPECIAL';
  date: string;
  summary?: string;
  agreedActions?: { description: string; ownerOrganisationId: string; dueDate?: string }[];
}

/**
 * Records a session held (a plenary or a special meeting) with what it agreed: each action's owner (searched in
 * the directory of the meeting's division) and due date. A retry of the same submission is not recorded twice.
 */
export function SessionDialog(props: {
  meetingId: string;
  jurisdictionCode: string;
  onClose: (saved: boolean) => void;
}) {
  const translate = useTranslate();
  const notify = useNotify();
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const [busy, setBusy] = useState(false);
  const submit = async (values: Record<string, unknown>) => {
    const v = values as unknown as SessionForm;
    setBusy(true);
    try {
      await execute(RECORD_SESSION, {
        input: {
          meetingId: props.meetingId,
          idempotencyKey,
          title: v.title.trim(),
          kind: v.kind,
          date: v.date,
          summary: v.summary?.trim() || undefined,
          agreedActions: (v.agreedActions ?? []).map((a) => ({
            description: a.description.trim(),
            ownerOrganisationId: a.ownerOrganisationId,
            dueDate: a.dueDate || undefined,
          })),
        },
      });
      notify('doudi.meetings.recorded', { type: 'success' });
      props.onClose(true);
      return undefined;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.body) return error.body.errors;
      notify(error.message, { type: 'error', multiLine: true });
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open onClose={() => props.onClose(false)} aria-labelledby="session-title" fullWidth maxWidth="md">
      <Form onSubmit={submit} defaultValues={{ kind: 'PLENARY', date: '', agreedActions: [] }}>
        <DialogTitle id="session-title">{translate('doudi.meetings.record_session')}</DialogTitle>
        <DialogContent>
          <TextInput
            source="title"
            label="doudi.meetings.session_title"
            validate={[required(), maxLength(200)]}
            fullWidth
          />
          <SelectInput
            source="kind"
            label="doudi.meetings.session_kind"
            validate={required()}
            choices={['PLENARY', 'SPECIAL'].map((id) => ({ id, name: `doudi.meetings.session_kinds.${id}` }))}
          />
          <TextInput
            source="date"
            label="doudi.meetings.session_date"
            placeholder="YYYY-MM-DD"
            validate={[required(), date, notFuture]}
          />
          <TextInput source="summary" label="doudi.meetings.summary" multiline minRows={2} fullWidth />
          <ArrayInput source="agreedActions" label="doudi.meetings.actions">
            <SimpleFormIterator inline disableReordering>
              <TextInput
                source="description"
                label="doudi.meetings.action_description"
                validate={[required(), maxLength(1000)]}
                sx={{ minWidth: 280 }}
              />
              <OrganisationInput
                source="ownerOrganisationId"
                label="doudi.meetings.action_owner"
                jurisdictionCode={props.jurisdictionCode}
                validate={required()}
              />
              <TextInput source="dueDate" label="doudi.meetings.action_due" placeholder="YYYY-MM-DD" validate={date} />
            </SimpleFormIterator>
          </ArrayInput>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => props.onClose(false)}>{translate('ra.action.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={busy}>
            {translate('ra.action.save')}
          </Button>
        </DialogActions>
      </Form>
    </Dialog>
  );
}
