import { Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { Viewer } from '../auth/auth-provider';
import { instant } from '../format';
import type { CaseRecord } from './data';
import { DueDate } from './markers';
import { SimpleTable } from './Section';
import { followUpSteps, noticeSteps, referralSteps } from './steps/item-steps';
import { StepButton } from './steps/StepButton';
import type { Step } from './steps/step';

interface Props {
  found: CaseRecord;
  viewer: Viewer;
}

function Steps({ steps, found }: { steps: Step[]; found: CaseRecord }) {
  if (!steps.length) return null;
  return (
    <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', gap: 1 }}>
      {steps.map((step) => (
        <StepButton key={step.id} step={step} jurisdictionCode={found.jurisdiction.code} />
      ))}
    </Stack>
  );
}

export function CaseTasks({ found }: Props) {
  const translate = useTranslate();
  return (
    <SimpleTable
      label="doudi.cases.sections.tasks"
      columns={[
        'doudi.cases.fields.task',
        'doudi.cases.fields.organisation',
        'doudi.cases.fields.dueDate',
        'doudi.cases.fields.status',
      ]}
      empty="doudi.cases.empty.tasks"
      rows={found.tasks.map((t) => ({
        key: t.id,
        data: { 'data-task': t.kind },
        cells: [
          translate(`doudi.cases.enums.TaskKind.${t.kind}`),
          t.organisation.name,
          <DueDate date={t.dueDate} overdue={t.overdue} atRisk={t.atRisk} />,
          `${translate(`doudi.cases.enums.TaskStatus.${t.status}`)}${t.completedOn ? ` ${t.completedOn}` : ''}`,
        ],
      }))}
    />
  );
}

/** What the receiver answered, in one line: measures, refusal, decline reason or where it was passed on. */
function answerOf(r: CaseRecord['referrals']['nodes'][number], translate: (k: string, o?: object) => string) {
  const parts = [
    r.measuresTaken.length ? r.measuresTaken.join('；') : null,
    r.refusalReason,
    r.declineReason
      ? `${translate(`doudi.cases.enums.DeclineReason.${r.declineReason}`)}：${r.declineExplanation ?? ''}`
      : null,
    r.forwardReason,
  ];
  return parts.filter(Boolean).join(' · ');
}

export function CaseReferrals({ found, viewer }: Props) {
  const translate = useTranslate();
  return (
    <SimpleTable
      label="doudi.cases.sections.referrals"
      columns={[
        'doudi.cases.fields.referral',
        'doudi.cases.fields.toOrganisationId',
        'doudi.cases.fields.dueDate',
        'doudi.cases.fields.status',
        'doudi.cases.fields.answer',
        'doudi.cases.fields.steps',
      ]}
      empty="doudi.cases.empty.referrals"
      rows={found.referrals.nodes.map((r) => ({
        key: r.id,
        data: { 'data-referral': r.id },
        cells: [
          `${translate(`doudi.cases.enums.ReferralKind.${r.kind}`)} · ${r.fromOrganisation.name} ${r.sentOn}`,
          r.toOrganisation.name,
          <DueDate date={r.dueDate} overdue={r.overdue} atRisk={r.atRisk} />,
          translate(`doudi.cases.enums.ReferralStatus.${r.status}`),
          answerOf(r, translate),
          <Steps
            found={found}
            steps={referralSteps(r, found, viewer).map((s) => ({ ...s, subject: r.toOrganisation.name }))}
          />,
        ],
      }))}
    />
  );
}

export function CaseVisits({ found }: Props) {
  const translate = useTranslate();
  if (!found.visits.length)
    return <Typography color="text.secondary">{translate('doudi.cases.empty.visits')}</Typography>;
  return (
    <>
      {found.visits.map((v) => (
        <div key={v.id} data-visit={v.id}>
          <Typography variant="subtitle1" component="h3">
            {v.visitedOn} · {v.visitorOrganisations.map((o) => o.name).join('、')}
          </Typography>
          <SimpleTable
            label="doudi.cases.sections.visits"
            columns={['doudi.cases.fields.area', 'doudi.cases.fields.situation', 'doudi.cases.fields.needsHelp']}
            empty="doudi.cases.empty.findings"
            rows={v.findings.map((f) => ({
              key: f.area,
              cells: [
                translate(`doudi.cases.enums.LifeArea.${f.area}`),
                f.withheld ? translate('doudi.cases.withheld') : f.situation,
                f.needsHelp === null
                  ? '—'
                  : translate(f.needsHelp ? 'doudi.cases.filters.yes' : 'doudi.cases.filters.no'),
              ],
            }))}
          />
          {v.note && <Typography sx={{ mt: 1 }}>{v.note}</Typography>}
        </div>
      ))}
    </>
  );
}

export function CaseFollowUps({ found, viewer }: Props) {
  return (
    <SimpleTable
      label="doudi.cases.sections.followUps"
      columns={[
        'doudi.cases.fields.organisation',
        'doudi.cases.fields.dueDate',
        'doudi.cases.fields.outcome',
        'doudi.cases.fields.steps',
      ]}
      empty="doudi.cases.empty.followUps"
      rows={found.followUps.map((f) => ({
        key: f.id,
        cells: [
          f.organisation.name,
          <DueDate date={f.dueOn} overdue={f.overdue} />,
          f.visitedOn ? `${f.visitedOn} ${f.outcome ?? ''}` : '',
          <Steps found={found} steps={followUpSteps(f, found, viewer)} />,
        ],
      }))}
    />
  );
}

export function CaseNotices({ found, viewer }: Props) {
  const translate = useTranslate();
  return (
    <SimpleTable
      label="doudi.cases.sections.notices"
      columns={[
        'doudi.cases.fields.period',
        'doudi.cases.fields.content',
        'doudi.cases.fields.objections',
        'doudi.cases.fields.outcome',
        'doudi.cases.fields.steps',
      ]}
      empty="doudi.cases.empty.notices"
      rows={found.notices.map((n) => ({
        key: n.id,
        cells: [
          `${n.startsOn} — ${n.endsOn}`,
          n.content,
          n.objections.map((o) => `${o.receivedOn} ${o.content}`).join('；'),
          n.outcome ? translate(`doudi.cases.enums.NoticeOutcome.${n.outcome}`) : '',
          <Steps found={found} steps={noticeSteps(n, found, viewer)} />,
        ],
      }))}
    />
  );
}

export function CaseTimeline({ found }: Props) {
  const translate = useTranslate();
  return (
    <SimpleTable
      label="doudi.cases.sections.timeline"
      columns={[
        'doudi.cases.fields.on',
        'doudi.cases.fields.event',
        'doudi.cases.fields.actor',
        'doudi.cases.fields.recordedAt',
      ]}
      empty="doudi.cases.empty.timeline"
      rows={found.timeline.map((e) => ({
        key: e.id,
        cells: [
          e.on ?? '',
          translate(`doudi.cases.events.${e.kind}`, { _: e.summary }),
          e.actorOrganisation?.name ?? '',
          instant(e.at),
        ],
      }))}
    />
  );
}

export { Steps };
