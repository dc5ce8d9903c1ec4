import { TextField, type TextFieldProps } from '@mui/material';

/**
 * A date typed and shown as YYYY-MM-DD whatever the browser's locale (a native date input would show
 * 11/28/2026 in one browser and 2026/11/28 in another).
 */
export function DateField(props: TextFieldProps) {
  return (
    <TextField
      {...props}
      placeholder="YYYY-MM-DD"
      slotProps={{
        ...props.slotProps,
        inputLabel: { shrink: true },
        htmlInput: { inputMode: 'numeric', pattern: '\\d{4}-\\d{2}-\\d{2}', maxLength: 10 },
      }}
      sx={{ width: 180, ...props.sx }}
    />
  );
}

/** A real calendar date written YYYY-MM-DD (2026-02-30 is not one). */
export function isDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}
