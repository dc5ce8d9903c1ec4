import { useState } from 'react';
import { Box, Card, CardContent, Chip, Stack, Typography } from '@mui/material';
import { DateField, isDate } from '../DateField';
import PublishIcon from '@mui/icons-material/Publish';
import { Link } from 'react-router-dom';
import { Button, ShowBase, Title, useCanAccess, useRecordContext, useTranslate } from 'react-admin';
import { today } from '../format';
import type { ProgrammeRecord } from './data';
import { VersionTimeline } from './VersionTimeline';
import { ConfigurationOnDate } from './ConfigurationOnDate';

/** A programme: who runs it, its versions in time, and the configuration in force on a date with its origins. */
export function ProgrammeShow() {
  const [on, setOn] = useState(today());
  return (
    <ShowBase queryOptions={{ meta: { on } }}>
      <ProgrammePage on={on} setOn={setOn} />
    </ShowBase>
  );
}

function ProgrammePage({ on, setOn }: { on: string; setOn: (date: string) => void }) {
  const translate = useTranslate();
  const record = useRecordContext<ProgrammeRecord & { id: string }>();
  const { canAccess: canPublish } = useCanAccess({ resource: 'programmes', action: 'publish', record });
  if (!record) return null;
  return (
    <Box sx={{ mt: 2 }}>
      <Title title={record.name} />
      <Card>
        <CardContent>
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: { sm: 'center' } }}>
            <Box sx={{ flex: 1 }}>
              <Typography variant="h5" component="h1">
                {record.name} {record.isTemplate && <Chip size="small" label={translate('doudi.programme.template')} />}
              </Typography>
              <Typography color="text.secondary">
                {translate(`doudi.programme.kinds.${record.kind}`)} · {record.jurisdiction.name} ·{' '}
                {record.organisation.name}
                {record.template && ` · ${translate('doudi.programme.inherits')}：${record.template.name}`}
              </Typography>
            </Box>
            {canPublish && (
              <Button
                component={Link}
                to={`/programmes/${encodeURIComponent(record.id)}/publish`}
                label="doudi.programme.publish"
                variant="contained"
              >
                <PublishIcon />
              </Button>
            )}
          </Stack>
        </CardContent>
      </Card>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ mt: 2, alignItems: 'flex-start' }}>
        <Card sx={{ flex: 1, width: '100%' }}>
          <CardContent>
            <Typography variant="h6" component="h2" gutterBottom>
              {translate('doudi.programme.versions')}
            </Typography>
            <VersionTimeline versions={record.versions} on={on} />
          </CardContent>
        </Card>
        <Card sx={{ flex: 2, width: '100%' }}>
          <CardContent>
            <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 1 }}>
              <Typography variant="h6" component="h2" sx={{ flex: 1, minWidth: 0 }}>
                {translate('doudi.programme.configuration_on')}
              </Typography>
              <DateField
                size="small"
                label={translate('doudi.programme.date')}
                defaultValue={on}
                onChange={(e) => isDate(e.target.value) && setOn(e.target.value)}
              />
            </Stack>
            <ConfigurationOnDate programme={record} />
          </CardContent>
        </Card>
      </Stack>
    </Box>
  );
}
