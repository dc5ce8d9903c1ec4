import { useState } from 'react';
import { useLocation, useParams } from 'react-router-dom';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Box, Chip, Stack, Typography } from '@mui/material';
import { Button, Confirm, Loading, Title, useNotify, useTranslate } from 'react-admin';
import { SecretDialog, type SecretWords } from '../api-clients/SecretDialog';
import { ApiError } from '../data/api-error';
import { execute } from '../data/client';
import { instant } from '../format';
import { Section } from '../Section';
import { Deliveries } from './Deliveries';
import { DELETE_WEBHOOK, ROTATE_WEBHOOK_SECRET, UPDATE_WEBHOOK, WEBHOOK_SUBSCRIPTIONS } from './documents';
import { keys, type SubscriptionRow } from './data';
import { SubscriptionDialog } from './SubscriptionDialog';

const SECRET_WORDS: SecretWords = {
  title: 'doudi.webhooks.secret_title',
  warning: 'doudi.webhooks.secret_warning',
  id: 'doudi.webhooks.subscription_id',
  secret: 'doudi.webhooks.secret',
};

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  const translate = useTranslate();
  return (
    <Typography>
      <Box component="span" sx={{ color: 'text.secondary' }}>
        {translate(label)}：
      </Box>
      {children}
    </Typography>
  );
}

/** Why a subscription is paused, in the console's words (the API words it in English for apps). */
function pauseReasonText(reason: string, translate: (key: string, options?: object) => string) {
  if (reason === 'Paused by hand') return translate('doudi.webhooks.pause_reasons.by_hand');
  const failures = reason.match(/^Paused after (\d+) failed deliveries in a row \(last: (.*)\)$/s);
  if (failures)
    return translate('doudi.webhooks.pause_reasons.after_failures', { count: failures[1], last: failures[2] });
  return reason;
}

/** One subscription: where and what it is told of, its state, its actions, and its deliveries. */
function SubscriptionCard(props: {
  subscription: SubscriptionRow;
  onEdit: () => void;
  onSecret: (secret: { id: string; secret: string }) => void;
  onChanged: () => Promise<void>;
}) {
  const { subscription: s } = props;
  const translate = useTranslate();
  const notify = useNotify();
  const [confirming, setConfirming] = useState<'rotate' | 'delete' | null>(null);
  const [busy, setBusy] = useState(false);
  const failed = (error: unknown) => {
    if (!(error instanceof ApiError)) throw error;
    notify(error.message, { type: 'error', multiLine: true, messageArgs: { _: error.message } });
  };
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } catch (error) {
      failed(error);
    } finally {
      setBusy(false);
      setConfirming(null);
      await props.onChanged();
    }
  };
  const toggle = () =>
    run(async () => {
      const status = s.status === 'ACTIVE' ? 'PAUSED' : 'ACTIVE';
      await execute(UPDATE_WEBHOOK, { input: { subscriptionId: s.id, version: s.version, status } });
      notify(status === 'PAUSED' ? 'doudi.webhooks.paused' : 'doudi.webhooks.resumed', { type: 'success' });
    });
  const rotate = () =>
    run(async () => {
      const { rotateWebhookSecret } = await execute(ROTATE_WEBHOOK_SECRET, {
        input: { subscriptionId: s.id, version: s.version },
      });
      if (rotateWebhookSecret.secret) props.onSecret({ id: s.id, secret: rotateWebhookSecret.secret });
    });
  const remove = () =>
    run(async () => {
      await execute(DELETE_WEBHOOK, { input: { subscriptionId: s.id } });
      notify('doudi.webhooks.deleted', { type: 'success' });
    });

  const events = s.eventTypes.map((t) => translate(`doudi.webhooks.events.${t}`)).join('、');
  return (
    <Section
      id={`webhook-${s.id}`}
      testId={`webhook-${s.id}`}
      title={
        <Box component="span" sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>
          {s.url}
        </Box>
      }
      action={
        <Chip
          data-status={s.status}
          color={s.status === 'ACTIVE' ? 'success' : 'warning'}
          label={translate(`doudi.webhooks.status.${s.status}`)}
        />
      }
    >
      <Fact label="doudi.webhooks.fields.eventTypes">{events}</Fact>
      <Fact label="doudi.webhooks.fields.consecutiveFailures">{s.consecutiveFailures}</Fact>
      {s.pauseReason && (
        <Fact label="doudi.webhooks.fields.pauseReason">{pauseReasonText(s.pauseReason, translate)}</Fact>
      )}
      <Fact label="doudi.webhooks.fields.createdAt">{instant(s.createdAt)}</Fact>
      {s.secretRotatedAt && <Fact label="doudi.webhooks.fields.secretRotatedAt">{instant(s.secretRotatedAt)}</Fact>}
      <Stack direction="row" spacing={1} sx={{ mt: 1, flexWrap: 'wrap', gap: 1 }}>
        <Button label="doudi.webhooks.edit" variant="outlined" onClick={props.onEdit} disabled={busy} />
        <Button
          label={s.status === 'ACTIVE' ? 'doudi.webhooks.pause' : 'doudi.webhooks.resume'}
          variant="outlined"
          onClick={() => void toggle()}
          disabled={busy}
        />
        <Button
          label="doudi.webhooks.rotate"
          variant="outlined"
          onClick={() => setConfirming('rotate')}
          disabled={busy}
        />
        <Button
          label="doudi.webhooks.delete"
          variant="outlined"
          color="error"
          onClick={() => setConfirming('delete')}
          disabled={busy}
        />
      </Stack>
      <Confirm
        isOpen={confirming === 'rotate'}
        title="doudi.webhooks.rotate_title"
        content="doudi.webhooks.rotate_text"
        confirm="doudi.webhooks.rotate"
        loading={busy}
        onConfirm={() => void rotate()}
        onClose={() => setConfirming(null)}
      />
      <Confirm
        isOpen={confirming === 'delete'}
        title="doudi.webhooks.delete_title"
        content="doudi.webhooks.delete_text"
        translateOptions={{ url: s.url }}
        confirm="doudi.webhooks.delete"
        confirmColor="warning"
        loading={busy}
        onConfirm={() => void remove()}
        onClose={() => setConfirming(null)}
      />
      <Deliveries subscriptionId={s.id} active={s.status === 'ACTIVE'} />
    </Section>
  );
}

/**
 * The webhooks of one API client (issue 19 item 1), for an administrator holding webhooks:manage over its
 * organisation: its subscriptions with create (the secret shown once), edit, pause and resume, secret rotation and
 * deletion, and each one's deliveries with replay (docs/webhooks.md).
 */
export function WebhooksPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const translate = useTranslate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<{ editing?: SubscriptionRow } | null>(null);
  const [secret, setSecret] = useState<{ id: string; secret: string } | null>(null);
  const subscriptions = useQuery({
    queryKey: keys.subscriptions(id),
    queryFn: ({ signal }) =>
      execute(WEBHOOK_SUBSCRIPTIONS, { filter: { apiClientId: id }, first: 100 }, { signal }).then(
        (r) => r.webhookSubscriptions,
      ),
  });
  const refetch = async () => {
    await queryClient.invalidateQueries({ queryKey: keys.subscriptions(id) });
    await queryClient.invalidateQueries({ queryKey: ['webhook-deliveries'] });
  };
  const nodes = subscriptions.data?.nodes ?? [];
  const name =
    (location.state as { name?: string } | null)?.name ?? nodes.find((s) => s.apiClient)?.apiClient?.name ?? id;
  const title = translate('doudi.webhooks.title', { name });

  return (
    <Stack spacing={2} sx={{ mt: 2 }}>
      <Title title={title} />
      <Section
        id="webhooks-title"
        title={title}
        action={<Button label="doudi.webhooks.create" variant="contained" onClick={() => setDialog({})} />}
      >
        <Typography color="text.secondary">{translate('doudi.webhooks.intro')}</Typography>
      </Section>
      {subscriptions.isPending ? (
        <Loading />
      ) : subscriptions.error ? (
        <Alert severity="error">{(subscriptions.error as Error).message}</Alert>
      ) : nodes.length ? (
        nodes.map((s) => (
          <SubscriptionCard
            key={s.id}
            subscription={s}
            onEdit={() => setDialog({ editing: s })}
            onSecret={setSecret}
            onChanged={refetch}
          />
        ))
      ) : (
        <Typography color="text.secondary">{translate('doudi.webhooks.none')}</Typography>
      )}
      {dialog && (
        <SubscriptionDialog
          clientId={id}
          editing={dialog.editing}
          onClose={(saved) => {
            setDialog(null);
            if (saved?.secret) setSecret({ id: saved.id, secret: saved.secret });
            else if (saved && !dialog.editing) notify('doudi.webhooks.secret_again', { type: 'warning' });
            if (saved) void refetch();
          }}
        />
      )}
      {secret && (
        <SecretDialog
          clientId={secret.id}
          secret={secret.secret}
          words={SECRET_WORDS}
          onClose={() => setSecret(null)}
        />
      )}
    </Stack>
  );
}
