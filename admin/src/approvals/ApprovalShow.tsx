import type { ReactNode } from 'react';
import { Box, Card, CardContent, List, ListItem, ListItemText, Stack, Typography } from '@mui/material';
import { Link } from 'react-router-dom';
import { ShowBase, Title, useRecordContext, useTranslate } from 'react-admin';
import { yuan } from '../format';
import type { BenefitRecord } from './data';
import { CapsLeft } from './CapsLeft';
import { Decisions, ResolveObjection } from './Decisions';

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

/** One benefit to decide: what is asked, the caps left, the household's screening for this programme, objections. */
export function ApprovalShow() {
  return (
    <ShowBase>
      <ApprovalPage />
    </ShowBase>
  );
}

function Screening({ benefit }: { benefit: BenefitRecord }) {
  const translate = useTranslate();
  const result = benefit.household.eligibility.find((r) => r.programme.id === benefit.programme.id);
  if (!result) return <Typography>{translate('doudi.approvals.no_screening')}</Typography>;
  return (
    <Box data-screening={result.outcome}>
      <Typography>{translate(`doudi.approvals.outcomes.${result.outcome}`)}</Typography>
      <List dense>
        {result.clauses.map((c, i) => (
          <ListItem key={i} disableGutters>
            <ListItemText
              primary={`${translate(`doudi.approvals.clause.${c.result}`)}：${c.expression}`}
              secondary={
                c.missing.length
                  ? translate('doudi.approvals.missing', { facts: c.missing.join('、') })
                  : (c.error ?? undefined)
              }
            />
          </ListItem>
        ))}
      </List>
    </Box>
  );
}

function ApprovalPage() {
  const translate = useTranslate();
  const benefit = useRecordContext<BenefitRecord & { id: string }>();
  // The list's row stands in while the page loads (react-admin's placeholder): wait for the full record.
  if (!benefit?.settings) return null;
  const head = benefit.household.members.nodes[0]?.name ?? '';
  const title = translate('doudi.approvals.title_of', {
    programme: benefit.programme.name,
    name: benefit.person?.name ?? head,
    amount: yuan(benefit.amount),
  });
  const caps = benefit.settings.caps;
  const facts: [string, ReactNode][] = [
    ['status', translate(`doudi.approvals.statuses.${benefit.status}`)],
    [
      'household',
      <Link to={`/households/${benefit.household.id}/show`}>{`${head} · ${benefit.household.jurisdiction.name}`}</Link>,
    ],
    ['grantedOn', benefit.grantedOn],
    [
      'approvalLevel',
      translate(`doudi.approvals.levels.${benefit.approvalLevel}`) +
        (benefit.collectiveReviewRequired ? translate('doudi.approvals.with_review') : ''),
    ],
    [
      'publicNotice',
      benefit.settings.publicNoticeDays
        ? translate('doudi.approvals.notice_days', { days: benefit.settings.publicNoticeDays })
        : translate('doudi.approvals.no_notice'),
    ],
    ['noticeEndsOn', benefit.noticeEndsOn ?? '—'],
    [
      'filing',
      benefit.filingRequired
        ? translate(`doudi.approvals.relations.${benefit.staffRelation}`)
        : translate('doudi.approvals.not_filed'),
    ],
    ['note', benefit.note ?? '—'],
    ['decisionNote', benefit.decisionNote ?? '—'],
  ];
  return (
    <Box sx={{ mt: 2 }}>
      <Title title={title} />
      <Card>
        <CardContent>
          <Typography variant="h5" component="h1">
            {title}
          </Typography>
          <Box
            component="dl"
            sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, rowGap: 0.5 }}
          >
            {facts.map(([key, value]) => (
              <Box key={key} sx={{ display: 'contents' }}>
                <Typography component="dt" color="text.secondary">
                  {translate(`resources.approvals.fields.${key}`)}
                </Typography>
                <Typography component="dd" sx={{ m: 0 }}>
                  {value}
                </Typography>
              </Box>
            ))}
          </Box>
          <Stack direction="row" spacing={2} sx={{ mt: 2 }}>
            <Decisions benefit={benefit} />
          </Stack>
        </CardContent>
      </Card>
      <Section title={translate('doudi.approvals.caps')}>
        <Typography>
          <CapsLeft benefit={benefit} />
        </Typography>
        {caps && (
          <Typography color="text.secondary">
            {translate('doudi.approvals.caps_set', {
              household: yuan(caps.perHouseholdPerYear) ?? '—',
              person: yuan(caps.perPersonPerYear) ?? '—',
              grant: yuan(caps.perGrant) ?? '—',
            })}
          </Typography>
        )}
      </Section>
      <Section title={translate('doudi.approvals.screening')}>
        <Screening benefit={benefit} />
      </Section>
      {(benefit.objections.length > 0 || benefit.status === 'IN_NOTICE') && (
        <Section title={translate('doudi.approvals.objections')}>
          {benefit.objections.length === 0 && <Typography>{translate('doudi.approvals.no_objections')}</Typography>}
          {benefit.objections.map((o) => (
            <Box
              key={o.id}
              sx={{ mb: 1 }}
              data-objection={o.upheld === null ? 'open' : o.upheld ? 'upheld' : 'dismissed'}
            >
              <Typography>
                {o.receivedOn}：{o.objection}
              </Typography>
              {o.upheld === null ? (
                benefit.status === 'IN_NOTICE' && <ResolveObjection objectionId={o.id} />
              ) : (
                <Typography color="text.secondary">
                  {translate(o.upheld ? 'doudi.approvals.upheld' : 'doudi.approvals.dismissed', {
                    on: o.resolvedOn ?? '',
                    resolution: o.resolution ?? '',
                  })}
                </Typography>
              )}
            </Box>
          ))}
        </Section>
      )}
    </Box>
  );
}
