import type { EntityManager } from '@mikro-orm/postgresql';
import { type Logger } from '@doudi/shared';
import * as demo from '@doudi/shared/demo';
import { Case } from './case/case.entity.js';
import { CaseChannel, CaseStage } from './case/case.enums.js';
import { Referral, ReferralStatus } from './referral/referral.entity.js';
import { CaseTask, TaskKind, TaskStatus } from './task/task.entity.js';
import { CaseEvent } from './timeline/case-event.entity.js';
import { DeadlineRule } from './deadline/deadline.rules.js';

type Step = [TaskKind, DeadlineRule | null, dueDate: string | null, completedOn: string | null];

/** The tasks each demo case has been through so far, as the seeds' default time limits count them. */
const TASKS: Record<string, Step[]> = {
  [demo.cases[0].id]: [
    [TaskKind.VISIT, DeadlineRule.DEATH_CASE_VISIT, '2026-10-10', '2026-10-09'],
    [TaskKind.STATION_REPORT, DeadlineRule.DEATH_CASE_STATION_REPORT, '2026-10-15', '2026-10-14'],
    [TaskKind.PUSH_REFERRALS, DeadlineRule.DEATH_CASE_REFERRALS, '2026-10-23', '2026-10-20'],
  ],
  [demo.cases[1].id]: [
    [TaskKind.CONCLUDE_INVESTIGATION, null, null, '2026-10-26'],
    [TaskKind.PUSH_REFERRALS, DeadlineRule.JUDICIAL_TO_SOCIAL_REFERRAL, '2026-11-02', '2026-10-28'],
  ],
  [demo.cases[2].id]: [[TaskKind.ASSIGN_LEAD, null, null, null]],
};

/** One case per workflow family of the seeds (000 police, 001 procuratorate, 004 village); kept if present. */
export async function seedDemo(em: EntityManager, logger: Logger) {
  const have = new Set((await em.find(Case, { id: { $in: demo.cases.map((c) => c.id) } })).map((c) => c.id));
  for (const { referrals, stage, channel, ...values } of demo.cases) {
    if (have.has(values.id)) continue;
    em.persist(Object.assign(new Case(), values, { channel: channel as CaseChannel, stage: stage as CaseStage }));
    const event = { caseId: values.id, actorOrganisationId: values.leadOrganisationId };
    em.persist(
      Object.assign(new CaseEvent(), event, { kind: 'CASE_OPENED', on: values.receivedOn, summary: 'Demo case' }),
    );
    for (const [kind, dueRule, dueDate, completedOn] of TASKS[values.id] ?? []) {
      const status = completedOn ? TaskStatus.DONE : TaskStatus.OPEN;
      const organisationId = values.leadOrganisationId;
      em.persist(
        Object.assign(new CaseTask(), {
          caseId: values.id,
          kind,
          organisationId,
          dueRule,
          dueDate,
          completedOn,
          status,
        }),
      );
    }
    for (const r of referrals) {
      em.persist(
        Object.assign(new Referral(), {
          id: r.id,
          caseId: values.id,
          fromOrganisationId: r.from,
          toOrganisationId: r.to,
          // As createReferral records it: the statistics count referrals by the receiver's kind.
          toOrganisationKind: Object.values(demo.organisations).find((o) => o.id === r.to)?.kind ?? null,
          kind: r.kind,
          sentOn: r.sentOn,
          status: r.status as ReferralStatus,
          dueDate: r.dueDate,
          dueRule: r.dueRule as DeadlineRule | null,
          procedure: channel === CaseChannel.JUDICIAL_ASSISTANCE,
          acceptedOn: r.status === ReferralStatus.ACCEPTED ? '2026-11-02' : null,
        }),
      );
      em.persist(
        Object.assign(new CaseEvent(), event, {
          kind: 'REFERRAL_SENT',
          on: r.sentOn,
          summary: `${r.kind} referral sent`,
          referralId: r.id,
        }),
      );
    }
  }
  await em.flush();
  logger.info({ added: demo.cases.length - have.size }, 'demo cases loaded');
}
