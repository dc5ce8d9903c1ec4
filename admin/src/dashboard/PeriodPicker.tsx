import { MenuItem, Stack, TextField } from '@mui/material';
import { useTranslate } from 'react-admin';
import { choices, currentPeriod, type Period, type PeriodKind } from './period';

/** Month, quarter or year (月报、季报、年报), and which one. */
export function PeriodPicker({ value, onChange }: { value: Period; onChange: (period: Period) => void }) {
  const translate = useTranslate();
  return (
    <Stack direction="row" spacing={1}>
      <TextField
        select
        size="small"
        label={translate('doudi.dashboard.period_kind')}
        value={value.kind}
        onChange={(e) => onChange(currentPeriod(e.target.value as PeriodKind))}
        sx={{ minWidth: 96 }}
      >
        {(['month', 'quarter', 'year'] as const).map((kind) => (
          <MenuItem key={kind} value={kind}>
            {translate(`doudi.dashboard.kinds.${kind}`)}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        size="small"
        label={translate('doudi.dashboard.period')}
        value={value.value}
        onChange={(e) => onChange({ kind: value.kind, value: e.target.value })}
        sx={{ minWidth: 128 }}
      >
        {choices(value.kind).map((choice) => (
          <MenuItem key={choice} value={choice}>
            {choice}
          </MenuItem>
        ))}
      </TextField>
    </Stack>
  );
}
