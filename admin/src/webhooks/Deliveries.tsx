import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { Button, useNotify, useTranslate } from 'react-admin';
import { ApiError } from '../data/api-error';
import { execute } from '../data/client';
import { instant } from '../format';
import { RowsTable, type Column } from '../Section';
import { REPLAY_DELIVERY, WEBHOOK_DELIVERIES } from './documents';
import { DELIVERY_STATUSES, eventTypeOf, keys, type DeliveryRow, type DeliveryStatus } from './data';

const PAGE = 10;

/**
 * A subscription's deliveries, newest first, ten at a time, filtered by status: the event, the status, attempts,
 * the last HTTP status and error, when it happened and when it is tried next; a delivered, failed or given-up one
 * is replayed (sent again at once with the same event id) while the subscription is active.
 */
export function Deliveries({ subscriptionId, active }: { subscriptionId: string; active: boolean }) {
  const translate = useTranslate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<DeliveryStatus | ''>('');
  const [offset, setOffset] = useState(0);
  const [replaying, setReplaying] = useState<string | null>(null);
  const deliveries = useQuery({
    queryKey: [...keys.deliveries(subscriptionId), status, offset],
    queryFn: ({ signal }) =>
      execute(
        WEBHOOK_DELIVERIES,
        { id: subscriptionId, status: status || undefined, first: PAGE, offset },
        { signal },
      ).then((r) => r.webhookSubscription.deliveries),
  });

  const replay = async (delivery: DeliveryRow) => {
    setReplaying(delivery.id);
    try {
      await execute(REPLAY_DELIVERY, { input: { deliveryId: delivery.id } });
      notify('doudi.webhooks.deliveries.replayed', { type: 'success' });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      notify(error.message, { type: 'error', multiLine: true, messageArgs: { _: error.message } });
    } finally {
      setReplaying(null);
      await queryClient.invalidateQueries({ queryKey: keys.deliveries(subscriptionId) });
    }
  };

  const w = (key: string) => translate(`doudi.webhooks.deliveries.${key}`);
  const columns: Column<DeliveryRow>[] = [
    [w('type'), (d) => translate(`doudi.webhooks.events.${eventTypeOf(d.type)}`, { _: d.type })],
    [w('status'), (d) => <span data-status={d.status}>{w(`statuses.${d.status}`)}</span>],
    [w('attempts'), (d) => d.attemptCount],
    [w('http'), (d) => d.lastResponseStatus ?? '—'],
    [w('occurredAt'), (d) => instant(d.occurredAt)],
    [w('lastAttemptAt'), (d) => instant(d.deliveredAt ?? d.lastAttemptAt)],
    [w('nextAttemptAt'), (d) => (d.status === 'PENDING' || d.status === 'FAILED' ? instant(d.nextAttemptAt) : '')],
    [w('error'), (d) => d.lastError ?? ''],
    [
      w('actions'),
      (d) =>
        active && d.status !== 'PENDING' ? (
          <Button
            label="doudi.webhooks.deliveries.replay"
            onClick={() => void replay(d)}
            disabled={replaying === d.id}
          />
        ) : null,
    ],
  ];
  const total = deliveries.data?.totalCount ?? 0;
  const filterId = `deliveries-status-${subscriptionId}`;
  return (
    <Stack spacing={1} sx={{ mt: 2 }} data-testid={`deliveries-${subscriptionId}`}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Typography variant="subtitle1" component="h3" sx={{ whiteSpace: 'nowrap' }}>
          {w('title')}
        </Typography>
        <TextField
          select
          size="small"
          id={filterId}
          label={w('filter')}
          value={status}
          onChange={(e) => {
            setStatus(e.target.value as DeliveryStatus | '');
            setOffset(0);
          }}
          sx={{ width: 200, flexShrink: 0 }}
        >
          <MenuItem value="">{w('all')}</MenuItem>
          {DELIVERY_STATUSES.map((s) => (
            <MenuItem key={s} value={s}>
              {w(`statuses.${s}`)}
            </MenuItem>
          ))}
        </TextField>
      </Stack>
      {deliveries.error ? (
        <Alert severity="error">{(deliveries.error as Error).message}</Alert>
      ) : (
        <RowsTable
          columns={columns}
          rows={deliveries.data?.nodes ?? []}
          empty={<Typography color="text.secondary">{deliveries.isPending ? '…' : w('none')}</Typography>}
        />
      )}
      {total > PAGE && (
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <Typography variant="body2">
            {translate('doudi.webhooks.deliveries.page', {
              from: offset + 1,
              to: Math.min(offset + PAGE, total),
              total,
            })}
          </Typography>
          <Button
            label="doudi.webhooks.deliveries.previous"
            disabled={offset === 0}
            onClick={() => setOffset(Math.max(0, offset - PAGE))}
          />
          <Button
            label="doudi.webhooks.deliveries.next"
            disabled={offset + PAGE >= total}
            onClick={() => setOffset(offset + PAGE)}
          />
        </Stack>
      )}
    </Stack>
  );
}
