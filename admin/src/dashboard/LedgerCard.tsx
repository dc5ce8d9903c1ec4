import { useState } from 'react';
import { Alert, Card, CardContent, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useTranslate } from 'react-admin';
import { execute } from '../data/client';
import { useJurisdiction } from '../jurisdictions';
import { LEDGER, LEDGER_EXPORT } from './documents';
import { saveFile } from './download';
import { LedgerPicker } from './LedgerPicker';
import type { Cell } from './model';
import { grandTotal } from './model';
import { show } from './options';
import { choices } from './period';

const KINDS = ['TOWNSHIP', 'TOWNSHIP_SUMMARY'] as const;

/**
 * A township's monthly ledger (台账, 河鱼府发【2021】39号 二(四)) as the dashboard may read it: its state, the
 * items counted by status (suppressed like every report), and the XLSX to save. Ledgers are per township, so
 * above one the card asks for a township to be picked.
 */
export function LedgerCard({ jurisdictionCode }: { jurisdictionCode: string }) {
  const translate = useTranslate();
  const division = useJurisdiction(jurisdictionCode);
  const township = division.data?.level === 'TOWNSHIP';
  const [kind, setKind] = useState<(typeof KINDS)[number]>('TOWNSHIP');
  const [month, setMonth] = useState(choices('month')[0]!);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const variables = { jurisdictionCode, kind, month };
  const ledger = useQuery({
    queryKey: ['dashboard', 'ledger', variables],
    queryFn: ({ signal }) => execute(LEDGER, variables, { signal }).then((d) => d.ledger),
    enabled: township,
  });
  const suppressed = translate('doudi.dashboard.suppressed');
  const download = async () => {
    setSaving(true);
    setError(null);
    try {
      saveFile((await execute(LEDGER_EXPORT, variables)).ledger.export);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card component="section" aria-labelledby="ledger-title" data-chart="ledger">
      <CardContent>
        <Typography id="ledger-title" variant="h6" component="h2" sx={{ mb: 1 }}>
          {translate('doudi.dashboard.ledger.title')}
        </Typography>
        {!township ? (
          <Typography color="text.secondary">{translate('doudi.dashboard.ledger.pick_township')}</Typography>
        ) : (
          <Stack spacing={2}>
            <LedgerPicker
              kinds={KINDS}
              words="doudi.dashboard.ledger.kinds"
              kind={kind}
              onKind={setKind}
              month={month}
              onMonth={setMonth}
              onExport={() => void download()}
              exportDisabled={saving}
            />
            {(ledger.error || error) && <Alert severity="error">{error ?? (ledger.error as Error).message}</Alert>}
            {ledger.data && (
              <Typography data-testid="ledger-state">
                {translate(`doudi.dashboard.ledger.status.${ledger.data.status}`)} ·{' '}
                {translate('doudi.dashboard.ledger.due', { date: ledger.data.dueDate })} ·{' '}
                {translate('doudi.dashboard.ledger.items')}{' '}
                {show(grandTotal(ledger.data.table.cells as readonly Cell[]), 'count', suppressed)}
              </Typography>
            )}
          </Stack>
        )}
      </CardContent>
    </Card>
  );
}
