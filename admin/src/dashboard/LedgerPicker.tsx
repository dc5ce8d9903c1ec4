import { Button, MenuItem, Stack, TextField } from '@mui/material';
import DownloadIcon from '@mui/icons-material/Download';
import { useTranslate } from 'react-admin';
import { choices } from './period';

/**
 * Which monthly ledger (台账, 河鱼府发【2021】39号 二(四)) to show — its kind among those offered (named under
 * `<words>.<kind>`) and its month — with the button that saves it as XLSX; for the ledger page and the dashboard.
 */
export function LedgerPicker<Kind extends string>(props: {
  kinds: readonly Kind[];
  words: string;
  kind: Kind;
  onKind: (kind: Kind) => void;
  month: string;
  onMonth: (month: string) => void;
  onExport: () => void;
  exportDisabled: boolean;
}) {
  const translate = useTranslate();
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
      <TextField
        select
        size="small"
        label={translate('doudi.dashboard.ledger.kind')}
        value={props.kind}
        onChange={(e) => props.onKind(e.target.value as Kind)}
        sx={{ minWidth: 220 }}
      >
        {props.kinds.map((k) => (
          <MenuItem key={k} value={k}>
            {translate(`${props.words}.${k}`)}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        size="small"
        label={translate('doudi.dashboard.ledger.month')}
        value={props.month}
        onChange={(e) => props.onMonth(e.target.value)}
      >
        {choices('month').map((m) => (
          <MenuItem key={m} value={m}>
            {m}
          </MenuItem>
        ))}
      </TextField>
      <Button variant="outlined" startIcon={<DownloadIcon />} disabled={props.exportDisabled} onClick={props.onExport}>
        {translate('doudi.dashboard.ledger.export')}
      </Button>
    </Stack>
  );
}
