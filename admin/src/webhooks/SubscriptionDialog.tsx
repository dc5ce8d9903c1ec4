import { useState } from 'react';
import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle } from '@mui/material';
import { CheckboxGroupInput, Form, TextInput, maxLength, required, useNotify, useTranslate } from 'react-admin';
import { ApiError } from '../data/api-error';
import { execute } from '../data/client';
import { CREATE_WEBHOOK, UPDATE_WEBHOOK } from './documents';
import { EVENT_TYPES, type EventType, type SubscriptionRow } from './data';
import { WEBHOOK_MESSAGES, fieldErrors } from './field-errors';

interface Values {
  url?: string;
  eventTypes?: EventType[];
}

/**
 * Subscribes an app to events (its URL and the event types), or changes a subscription's URL and types. A new
 * subscription answers its signing secret once (`onSaved` gets it); the idempotency key is one per opening of the
 * dialog, so a retried save makes one subscription. The API's refusal of the URL is shown at the field.
 */
export function SubscriptionDialog(props: {
  clientId: string;
  editing?: SubscriptionRow;
  onClose: (saved?: { id: string; secret: string | null }) => void;
}) {
  const translate = useTranslate();
  const notify = useNotify();
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const [busy, setBusy] = useState(false);
  const { editing } = props;

  const submit = async (values: Record<string, unknown>) => {
    const v = values as Values;
    setBusy(true);
    try {
      if (editing) {
        await execute(UPDATE_WEBHOOK, {
          input: {
            subscriptionId: editing.id,
            version: editing.version,
            url: v.url?.trim(),
            eventTypes: v.eventTypes ?? [],
          },
        });
        notify('doudi.webhooks.saved', { type: 'success' });
        props.onClose({ id: editing.id, secret: null });
      } else {
        const { createWebhookSubscription } = await execute(CREATE_WEBHOOK, {
          input: {
            apiClientId: props.clientId,
            url: v.url?.trim() ?? '',
            eventTypes: v.eventTypes ?? [],
            idempotencyKey,
          },
        });
        props.onClose({ id: createWebhookSubscription.subscription.id, secret: createWebhookSubscription.secret });
      }
      return undefined;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const fields = fieldErrors(error, WEBHOOK_MESSAGES, ['url', 'eventTypes']);
      if (fields) return fields;
      notify(error.message, { type: 'error', multiLine: true, messageArgs: { _: error.message } });
      return undefined;
    } finally {
      setBusy(false);
    }
  };

  const title = editing ? 'doudi.webhooks.edit_title' : 'doudi.webhooks.create_title';
  return (
    <Dialog open onClose={() => props.onClose()} aria-labelledby="webhook-form-title" fullWidth maxWidth="md">
      <Form onSubmit={submit} defaultValues={{ url: editing?.url ?? '', eventTypes: editing?.eventTypes ?? [] }}>
        <DialogTitle id="webhook-form-title">{translate(title)}</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>{translate('doudi.webhooks.intro')}</DialogContentText>
          <TextInput
            source="url"
            label="doudi.webhooks.fields.url"
            helperText="doudi.webhooks.url_help"
            validate={[required(), maxLength(2000)]}
            fullWidth
          />
          <CheckboxGroupInput
            source="eventTypes"
            label="doudi.webhooks.fields.eventTypes"
            choices={EVENT_TYPES.map((id) => ({ id, name: `doudi.webhooks.events.${id}` }))}
            validate={required('doudi.webhooks.api.types')}
            row={false}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => props.onClose()}>{translate('ra.action.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={busy}>
            {translate('ra.action.save')}
          </Button>
        </DialogActions>
      </Form>
    </Dialog>
  );
}
