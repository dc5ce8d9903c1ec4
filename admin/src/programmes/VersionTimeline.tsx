import { List, ListItem, ListItemText, Chip, Stack } from '@mui/material';
import { useTranslate } from 'react-admin';
import { dayBefore, today } from '../format';
import type { ProgrammeRecord } from './data';

/** Versions as periods: each from its date to the day before the next one, the last open-ended. */
export function VersionTimeline({ versions, on }: { versions: ProgrammeRecord['versions']; on: string }) {
  const translate = useTranslate();
  if (!versions.length) return <>{translate('doudi.programme.no_version')}</>;
  const now = today();
  const inForceOn = (date: string) => [...versions].reverse().find((v) => v.effectiveFrom <= date)?.number;
  const current = inForceOn(now);
  const shown = inForceOn(on);
  return (
    <List dense aria-label={translate('doudi.programme.versions')}>
      {[...versions].reverse().map((version, i, newestFirst) => {
        const next = newestFirst[i - 1];
        const until = next ? dayBefore(next.effectiveFrom) : translate('doudi.until_now');
        return (
          <ListItem
            key={version.id}
            sx={{ borderLeft: 4, borderColor: version.number === shown ? 'primary.main' : 'divider', mb: 1 }}
          >
            <ListItemText
              primary={
                <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                  <span>{translate('doudi.programme.version_n', { number: version.number })}</span>
                  {version.number === current && (
                    <Chip size="small" color="success" label={translate('doudi.programme.current')} />
                  )}
                  {version.effectiveFrom > now && <Chip size="small" label={translate('doudi.programme.future')} />}
                </Stack>
              }
              secondary={
                <>
                  {translate('doudi.programme.period', { from: version.effectiveFrom, until })}
                  {version.note && <> · {version.note}</>}
                </>
              }
            />
          </ListItem>
        );
      })}
    </List>
  );
}
