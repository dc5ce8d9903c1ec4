import { Chip } from '@mui/material';
import { useTranslate } from 'react-admin';

/** Active or deactivated, in words and colour (never colour alone). */
export function ActiveChip({ deactivatedAt }: { deactivatedAt?: string | null }) {
  const translate = useTranslate();
  return deactivatedAt ? (
    <Chip
      size="small"
      color="default"
      label={translate('doudi.organisations.deactivated_on', { date: deactivatedAt.slice(0, 10) })}
    />
  ) : (
    <Chip size="small" color="success" variant="outlined" label={translate('doudi.organisations.is_active')} />
  );
}

/** Codes in words (roles, scopes …), each as `<prefix>.<code>` says it, in one line. */
export function Words({ prefix, codes }: { prefix: string; codes: readonly string[] }) {
  const translate = useTranslate();
  return <>{codes.map((c) => translate(`${prefix}.${c}`)).join('、')}</>;
}
