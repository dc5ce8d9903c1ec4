import type { ReactNode } from 'react';
import { Stack, Typography } from '@mui/material';
import { Title, useTranslate } from 'react-admin';
import { JurisdictionPicker, useWorkingJurisdiction } from '../jurisdictions';

/**
 * The heading of a page about one division's settings, with the division tree beside it. The choice is the
 * console's working division, so standards, time limits and the calendar open on the same one.
 */
export function JurisdictionBar({ title, children }: { title: string; children?: ReactNode }) {
  const translate = useTranslate();
  const { working, setWorking } = useWorkingJurisdiction();
  return (
    <Stack
      direction={{ xs: 'column', sm: 'row' }}
      spacing={2}
      sx={{ alignItems: { sm: 'center' }, mb: 2, mt: 2, flexWrap: 'wrap' }}
    >
      <Title title={translate(title)} />
      <Typography variant="h5" component="h1" sx={{ flex: 1 }}>
        {translate(title)}
      </Typography>
      {children}
      <JurisdictionPicker value={working} onChange={setWorking} />
    </Stack>
  );
}
