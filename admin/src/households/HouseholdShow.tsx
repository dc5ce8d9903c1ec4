import type { ReactNode } from 'react';
import { Box, Card, CardContent, Stack, Typography } from '@mui/material';
import { ShowBase, Title, usePermissions, useRecordContext, useTranslate } from 'react-admin';
import type { Viewer } from '../auth/auth-provider';
import type { HouseholdRecord } from './data';
import { MembersTable } from './MembersTable';
import { Consents, History, Incomes, Reveals } from './HouseholdRecords';
import { ProposeButton } from './ProposeButton';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card sx={{ mt: 2 }}>
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>
          {title}
        </Typography>
        {children}
      </CardContent>
    </Card>
  );
}

/** A household: its facts, members (numbers masked, revealed for a purpose), incomes, consents, reveals and history. */
export function HouseholdShow() {
  return (
    <ShowBase>
      <HouseholdPage />
    </ShowBase>
  );
}

function HouseholdPage() {
  const translate = useTranslate();
  const household = useRecordContext<HouseholdRecord & { id: string }>();
  const { permissions } = usePermissions<Viewer>();
  // The list's row stands in while the page loads (react-admin's placeholder): wait for the full record.
  if (!household?.incomes) return null;
  const may = (scope: string) => !!permissions?.permissions.includes(scope as never);
  const members = household.members.nodes;
  const head = members.find((m) => m.relationshipToHead === 'SELF') ?? members[0];
  const title = translate('doudi.households.title_of', { name: head?.name ?? '' });
  const monitoring = household.povertyMonitoringStatus;
  return (
    <Box sx={{ mt: 2 }}>
      <Title title={title} />
      <Card>
        <CardContent>
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
            <Typography variant="h5" component="h1" sx={{ flex: 1 }}>
              {title}
            </Typography>
            {may('BENEFITS_PROPOSE') && <ProposeButton household={household} />}
          </Stack>
          <Stack direction={{ xs: 'column', md: 'row' }} spacing={3} sx={{ mt: 1 }} component="dl">
            {[
              ['jurisdiction', household.jurisdiction.name],
              ['residence', household.residence.name],
              ['address', household.address ?? '—'],
              [
                'hukouType',
                household.hukouType ? translate(`doudi.households.enums.HukouType.${household.hukouType}`) : '—',
              ],
              [
                'povertyMonitoringStatus',
                translate(`doudi.households.enums.PovertyMonitoringStatus.${monitoring}`) +
                  (monitoring !== 'NONE' && household.povertyMonitoringSince
                    ? `（${household.povertyMonitoringSince}，${household.povertyMonitoringSource ?? ''}）`
                    : ''),
              ],
            ].map(([key, value]) => (
              <Box key={key}>
                <Typography component="dt" variant="caption" color="text.secondary">
                  {translate(`resources.households.fields.${key}`)}
                </Typography>
                <Typography component="dd" sx={{ m: 0 }}>
                  {value}
                </Typography>
              </Box>
            ))}
          </Stack>
        </CardContent>
      </Card>
      <Section title={translate('doudi.households.members_count', { smart_count: household.members.totalCount })}>
        <MembersTable
          members={members}
          mayReveal={may('PERSONAL_DATA_REVEAL')}
          maySeeHealth={may('HOUSEHOLDS_READ_SENSITIVE')}
        />
      </Section>
      <Section title={translate('doudi.households.incomes.title')}>
        <Incomes household={household} />
      </Section>
      <Section title={translate('doudi.households.consents.title')}>
        <Consents household={household} />
      </Section>
      {household.reveals && (
        <Section title={translate('doudi.households.reveals.title')}>
          <Reveals household={household} />
        </Section>
      )}
      <Section title={translate('doudi.households.history.title')}>
        <History household={household} />
      </Section>
    </Box>
  );
}
