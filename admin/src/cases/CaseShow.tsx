import { Box, Card, CardContent, Stack, Typography } from '@mui/material';
import { ShowBase, Title, usePermissions, useRecordContext, useTranslate } from 'react-admin';
import type { Viewer } from '../auth/auth-provider';
import { CaseDocuments } from '../case-documents/CaseDocuments';
import type { CaseRecord } from './data';
import { CaseHousehold } from './CaseHousehold';
import { CaseFollowUps, CaseNotices, CaseReferrals, CaseTasks, CaseTimeline, CaseVisits, Steps } from './CaseSections';
import { GreenChannelMarker } from './markers';
import { Section } from './Section';
import { caseSteps } from './steps/case-steps';

/** A case: who leads it, the family (masked), what is due, the next steps allowed now, and every step taken. */
export function CaseShow() {
  return (
    <ShowBase>
      <CasePage />
    </ShowBase>
  );
}

function Fact({ label, value }: { label: string; value?: string | null }) {
  const translate = useTranslate();
  if (!value) return null;
  return (
    <Typography>
      <Box component="span" sx={{ color: 'text.secondary' }}>
        {translate(label)}：
      </Box>
      {value}
    </Typography>
  );
}

function CasePage() {
  const translate = useTranslate();
  const found = useRecordContext<CaseRecord & { id: string }>();
  const { permissions: viewer } = usePermissions<Viewer>();
  if (!found || !viewer) return null;
  // One mention per group: a group ticked and also shown by the household's facts is named once, as ticked.
  const groups = new Map<string, boolean>();
  for (const r of found.greenChannelReasons)
    groups.set(r.group, (groups.get(r.group) ?? true) && r.source === 'HOUSEHOLD_FACTS');
  const reasons = [...groups]
    // The API words `fact` in English for apps; the console names the group and where it came from.
    .map(
      ([group, fromFactsOnly]) =>
        translate(`doudi.cases.enums.PriorityGroup.${group}`) +
        (fromFactsOnly ? translate('doudi.cases.green_from_facts') : ''),
    )
    .join('、');
  const steps = caseSteps(found, viewer);
  const props = { found, viewer };
  return (
    <Box sx={{ mt: 2 }}>
      <Title title={found.summary} />
      <Card>
        <CardContent>
          <Typography variant="h5" component="h1">
            {found.summary}
          </Typography>
          <Stack direction="row" spacing={1} sx={{ my: 1, alignItems: 'center', flexWrap: 'wrap' }}>
            <Typography>
              {translate(`doudi.cases.enums.CaseChannel.${found.channel}`)} ·{' '}
              <span data-stage={found.stage}>{translate(`doudi.cases.enums.CaseStage.${found.stage}`)}</span> ·{' '}
              {translate(`doudi.cases.enums.CaseStatus.${found.status}`)}
            </Typography>
            {found.greenChannel && <GreenChannelMarker title={reasons} />}
          </Stack>
          {found.greenChannel && <Fact label="doudi.cases.fields.greenChannelReasons" value={reasons} />}
          <Fact label="doudi.jurisdiction.label" value={found.jurisdiction.name} />
          <Fact label="doudi.cases.fields.leadOrganisation" value={found.leadOrganisation.name} />
          <Fact label="doudi.cases.fields.windowOrganisation" value={found.windowOrganisation?.name} />
          <Fact label="doudi.cases.fields.officeOrganisation" value={found.officeOrganisation?.name} />
          <Fact label="doudi.cases.fields.originOrganisation" value={found.originOrganisation?.name} />
          <Fact label="doudi.cases.fields.receivedOn" value={found.receivedOn} />
          <Fact label="doudi.cases.fields.responsiblePerson" value={found.responsiblePerson} />
          <Fact label="doudi.cases.fields.reviewConclusion" value={found.reviewConclusion} />
          <Fact label="doudi.cases.fields.closeReason" value={found.closeReason} />
        </CardContent>
      </Card>
      <Section title="doudi.cases.sections.next_steps">
        {steps.length ? (
          <Steps steps={steps} found={found} />
        ) : (
          <Typography color="text.secondary">{translate('doudi.cases.empty.steps')}</Typography>
        )}
      </Section>
      <Section title="doudi.cases.sections.household">
        <CaseHousehold caseId={found.id} />
      </Section>
      <Section title="doudi.cases.sections.tasks">
        <CaseTasks {...props} />
      </Section>
      <Section title="doudi.cases.sections.referrals">
        <CaseReferrals {...props} />
      </Section>
      <Section title="doudi.cases.sections.visits">
        <CaseVisits {...props} />
      </Section>
      <Section title="doudi.cases.sections.followUps">
        <CaseFollowUps {...props} />
      </Section>
      <Section title="doudi.cases.sections.notices">
        <CaseNotices {...props} />
      </Section>
      <Section title="doudi.documents.title">
        <CaseDocuments {...props} />
      </Section>
      <Section title="doudi.cases.sections.timeline">
        <CaseTimeline {...props} />
      </Section>
    </Box>
  );
}
