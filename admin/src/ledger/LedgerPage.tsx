import { useState } from 'react';
import SendIcon from '@mui/icons-material/Send';
import {
  Alert,
  Button,
  Card,
  CardContent,
  Chip,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Title, useNotify, usePermissions, useTranslate } from 'react-admin';
import type { Viewer } from '../auth/auth-provider';
import { saveFile } from '../dashboard/download';
import { LedgerPicker } from '../dashboard/LedgerPicker';
import { choices } from '../dashboard/period';
import { ApiError } from '../data/api-error';
import { execute } from '../data/client';
import { isDate } from '../DateField';
import { today } from '../format';
import { OWN_LEDGER, OWN_LEDGER_EXPORT, SUBMIT_LEDGER } from './documents';

type Kind = 'OFFICE' | 'TOWNSHIP' | 'TOWNSHIP_SUMMARY';
interface Explanation {
  reason: string;
  newDueDate: string;
}

/** The kinds the person submits: their office's; and the township's two when they oversee a township's cases. */
function kindsOf(viewer: Viewer): Kind[] {
  const township = viewer.jurisdiction?.level === 'TOWNSHIP' && viewer.permissions.includes('CASES_OVERSEE');
  return township ? ['OFFICE', 'TOWNSHIP', 'TOWNSHIP_SUMMARY'] : ['OFFICE'];
}

/**
 * The monthly ledger (台账, 河鱼府发【2021】39号 二(四)) from the office's own page: its items as they stand, each open
 * one explained with a reason and a new time limit where the kind requires it (OFFICE and TOWNSHIP_SUMMARY:
 * 未办结的，说明情况，限时办结), submitted once (late marked), and saved as XLSX.
 */
export function LedgerPage() {
  const translate = useTranslate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const { permissions: viewer } = usePermissions<Viewer>();
  const [kind, setKind] = useState<Kind>('OFFICE');
  const [month, setMonth] = useState(choices('month')[0]!);
  const [explanations, setExplanations] = useState<Record<string, Explanation>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const subject =
    kind === 'OFFICE'
      ? { organisationId: viewer?.organisation?.id ?? undefined }
      : { jurisdictionCode: viewer?.jurisdiction?.code ?? undefined };
  const variables = { kind, month, ...subject };
  const ledger = useQuery({
    queryKey: ['own-ledger', variables],
    queryFn: ({ signal }) => execute(OWN_LEDGER, variables, { signal }).then((d) => d.ledger),
    enabled: !!viewer && (kind === 'OFFICE' ? !!viewer.organisation : !!viewer.jurisdiction),
  });
  if (!viewer) return null;
  const data = ledger.data;
  const open = data?.items.nodes.filter((i) => i.status === 'OPEN') ?? [];
  const needsExplanation = kind !== 'TOWNSHIP';
  const explain = (itemId: string, patch: Partial<Explanation>) =>
    setExplanations((all) => ({
      ...all,
      [itemId]: { ...(all[itemId] ?? { reason: '', newDueDate: '' }), ...patch },
    }));

  const submit = async () => {
    const found: Record<string, string> = {};
    const openItems = open.flatMap((item) => {
      const e = explanations[item.itemId];
      const given = !!(e?.reason.trim() || e?.newDueDate);
      if (!given && !needsExplanation) return [];
      if (!e?.reason.trim()) found[`${item.itemId}.reason`] = translate('ra.validation.required');
      if (!e?.newDueDate || !isDate(e.newDueDate) || e.newDueDate < today())
        found[`${item.itemId}.newDueDate`] = translate('doudi.ledger.due_help');
      return [{ itemId: item.itemId, reason: e?.reason.trim() ?? '', newDueDate: e?.newDueDate ?? '' }];
    });
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      await execute(SUBMIT_LEDGER, { input: { ...variables, openItems, idempotencyKey } });
      notify('doudi.ledger.submitted', { type: 'success' });
      setIdempotencyKey(crypto.randomUUID());
      await queryClient.invalidateQueries({ queryKey: ['own-ledger'] });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      notify(error.message, { type: 'error', multiLine: true });
    } finally {
      setBusy(false);
    }
  };
  const download = async () => {
    try {
      saveFile((await execute(OWN_LEDGER_EXPORT, variables)).ledger.export);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      notify(error.message, { type: 'error', multiLine: true });
    }
  };

  return (
    <Card sx={{ mt: 1 }}>
      <Title title="doudi.ledger.title" />
      <CardContent>
        <Stack spacing={2}>
          <LedgerPicker
            kinds={kindsOf(viewer)}
            words="doudi.ledger.kinds"
            kind={kind}
            onKind={setKind}
            month={month}
            onMonth={setMonth}
            onExport={() => void download()}
            exportDisabled={!data}
          />
          {ledger.error && <Alert severity="error">{(ledger.error as Error).message}</Alert>}
          {data && (
            <>
              <Stack
                direction="row"
                spacing={1}
                sx={{ alignItems: 'center', flexWrap: 'wrap' }}
                data-testid="own-ledger-state"
              >
                <Typography variant="h6" component="h2">
                  {data.organisation?.name ?? data.jurisdiction.name} · {data.month}
                </Typography>
                <Chip
                  color={data.status === 'SUBMITTED' ? 'success' : data.overdue ? 'error' : 'default'}
                  label={translate(`doudi.dashboard.ledger.status.${data.status}`)}
                />
                {data.overdue && <Chip color="error" label={translate('doudi.ledger.overdue')} />}
                {data.late && <Chip color="warning" label={translate('doudi.ledger.late')} />}
                <span>{translate('doudi.dashboard.ledger.due', { date: data.dueDate })}</span>
                {data.submittedOn && <span>{translate('doudi.ledger.submitted_on', { date: data.submittedOn })}</span>}
              </Stack>
              <Table size="small" aria-label={translate('doudi.ledger.items')}>
                <TableHead>
                  <TableRow>
                    <TableCell>{translate('doudi.ledger.received')}</TableCell>
                    <TableCell>{translate('doudi.ledger.office')}</TableCell>
                    <TableCell>{translate('doudi.ledger.due')}</TableCell>
                    <TableCell>{translate('doudi.ledger.status')}</TableCell>
                    <TableCell>{translate('doudi.ledger.reason')}</TableCell>
                    <TableCell>{translate('doudi.ledger.new_due')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {data.items.nodes.map((item) => {
                    const editable = data.status === 'NOT_SUBMITTED' && item.status === 'OPEN';
                    const e = explanations[item.itemId];
                    return (
                      <TableRow key={item.itemId} data-ledger-item={item.status}>
                        <TableCell>{item.receivedOn}</TableCell>
                        <TableCell>{item.organisation.name}</TableCell>
                        <TableCell>{item.dueDate ?? '—'}</TableCell>
                        <TableCell>
                          {translate(`doudi.ledger.item_status.${item.status}`)}
                          {item.overdue && ` · ${translate('doudi.ledger.overdue')}`}
                        </TableCell>
                        <TableCell>
                          {editable ? (
                            <TextField
                              size="small"
                              label={translate('doudi.ledger.reason')}
                              value={e?.reason ?? ''}
                              onChange={(ev) => explain(item.itemId, { reason: ev.target.value })}
                              error={!!errors[`${item.itemId}.reason`]}
                              helperText={errors[`${item.itemId}.reason`]}
                              required={needsExplanation}
                            />
                          ) : (
                            (item.reason ?? item.outcome ?? '—')
                          )}
                        </TableCell>
                        <TableCell>
                          {editable ? (
                            <TextField
                              size="small"
                              label={translate('doudi.ledger.new_due')}
                              placeholder="YYYY-MM-DD"
                              value={e?.newDueDate ?? ''}
                              onChange={(ev) => explain(item.itemId, { newDueDate: ev.target.value })}
                              error={!!errors[`${item.itemId}.newDueDate`]}
                              helperText={errors[`${item.itemId}.newDueDate`]}
                              required={needsExplanation}
                              sx={{ width: 170 }}
                            />
                          ) : (
                            (item.newDueDate ?? '—')
                          )}
                        </TableCell>
                      </TableRow>
                    );
                  })}
                  {!data.items.nodes.length && (
                    <TableRow>
                      <TableCell colSpan={6}>{translate('doudi.ledger.no_items')}</TableCell>
                    </TableRow>
                  )}
                </TableBody>
              </Table>
              {data.items.totalCount > data.items.nodes.length && (
                <Typography color="text.secondary">
                  {translate('doudi.ledger.more', { shown: data.items.nodes.length, total: data.items.totalCount })}
                </Typography>
              )}
              {data.status === 'NOT_SUBMITTED' && (
                <div>
                  <Button variant="contained" startIcon={<SendIcon />} disabled={busy} onClick={() => void submit()}>
                    {translate('doudi.ledger.submit')}
                  </Button>
                </div>
              )}
            </>
          )}
        </Stack>
      </CardContent>
    </Card>
  );
}
