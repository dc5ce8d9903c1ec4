import type { EntityManager } from '@mikro-orm/postgresql';
import { assertId, badInput, createOnce, previousCreate, requiredText } from '@doudi/shared';
import { Visit, type StoredFinding } from './visit.entity.js';
import type { RecordVisitInput } from './visit.inputs.js';
import { CaseChannel, CaseStage, LEAD_CHANNELS, LifeArea } from '../case/case.enums.js';
import type { Case } from '../case/case.entity.js';
import { assertCanSeeCase, assertMayAct } from '../case/case.access.js';
import { assertOpen, assertStage, lockCase, stepDate } from '../case/case.step.js';
import { publishStageChange } from '../case/case.published.js';
import { getCase } from '../case/case.service.js';
import { TaskKind } from '../task/task.entity.js';
import { finishTasks, openTask } from '../task/task.service.js';
import { recordEvent } from '../timeline/timeline.service.js';
import { NO_DUE, requestDeadlines } from '../deadline/deadline.service.js';
import { DeadlineRule } from '../deadline/deadline.rules.js';
import type { Context } from '../context.js';

function visitValues(input: RecordVisitInput) {
  const findings: StoredFinding[] = input.findings.map((f, i) => ({
    area: f.area,
    situation: requiredText(`input.findings.${i}.situation`, f.situation, 4000, 'The situation'),
    needsHelp: f.needsHelp,
  }));
  if (new Set(findings.map((f) => f.area)).size !== findings.length) {
    throw badInput('input.findings', 'Each life area is recorded once per visit');
  }
  const visitors = [...new Set(input.visitorOrganisationIds.map((id) => assertId('input.visitorOrganisationIds', id)))];
  if (!visitors.length) throw badInput('input.visitorOrganisationIds', 'Name who visited');
  const requestedKinds = [...new Set(input.requestedKinds ?? [])];
  if (requestedKinds.length && !input.referralRequested) {
    throw badInput('input.requestedKinds', 'Kinds of help are asked for only when the family requests referral');
  }
  const note = input.note?.trim() || null;
  if (note && note.length > 4000) throw badInput('input.note', 'A note is at most 4000 characters');
  return {
    caseId: assertId('input.caseId', input.caseId),
    visitedOn: stepDate('input.visitedOn', input.visitedOn),
    visitorOrganisationIds: visitors,
    findings,
    referralRequested: input.referralRequested,
    requestedKinds,
    note,
  };
}

/** Death cases move LETTER_RECEIVED → VISITED and leads ASSIGNED → VISITED; other channels record visits as they go. */
function assertMayVisit(found: Case, findings: StoredFinding[]) {
  if (found.channel === CaseChannel.NON_NATURAL_DEATH) {
    assertStage(found, 'visited', CaseStage.LETTER_RECEIVED);
    // 襄政办发〔2023〕26号 七(二): 详细了解教育、养老、医疗、就业、住房、心理健康等实际生活状况.
    const missing = Object.values(LifeArea).filter((area) => !findings.some((f) => f.area === area));
    if (missing.length) {
      throw badInput('input.findings', `A death-case visit records all six life areas; missing ${missing.join(', ')}`, {
        missing,
      });
    }
  } else if (LEAD_CHANNELS.includes(found.channel)) {
    assertStage(found, 'visited', CaseStage.ASSIGNED);
  } else {
    assertOpen(found);
  }
}

const loadVisit = async (em: EntityManager, id: string) => (await em.findOne(Visit, { id }))!;

/** Records a visit; a death case's station report is then due within DEATH_CASE_STATION_REPORT. */
export async function recordVisit(ctx: Context, input: RecordVisitInput): Promise<Visit> {
  const values = visitValues(input);
  const { idempotencyKey, ...sent } = input;
  const previous = await previousCreate(ctx.em, 'recordVisit', idempotencyKey, sent);
  if (previous) return loadVisit(ctx.em, previous);
  const seen = await getCase(ctx.em, values.caseId, 'input.caseId');
  await assertCanSeeCase(ctx.principal, seen, ctx.loaders);
  // A lead's visit is made by the office it was assigned to, or by the village that found it (its origin).
  const visitors = LEAD_CHANNELS.includes(seen.channel)
    ? [seen.officeOrganisationId, seen.originOrganisationId]
    : [seen.officeOrganisationId];
  assertMayAct(ctx.principal, seen, visitors, 'a visit', { village: true });
  assertMayVisit(seen, values.findings);
  const death = seen.channel === CaseChannel.NON_NATURAL_DEATH;
  const due = death
    ? await requestDeadlines(ctx).due(seen.jurisdictionCode, DeadlineRule.DEATH_CASE_STATION_REPORT, values.visitedOn)
    : NO_DUE;
  return createOnce(
    ctx.em,
    'recordVisit',
    idempotencyKey,
    sent,
    async (tx) => {
      const found = await lockCase(tx, values.caseId);
      assertMayVisit(found, values.findings);
      const visit = Object.assign(new Visit(), values, { recordedById: ctx.principal.id });
      tx.persist(visit);
      if (death) {
        await finishTasks(tx, found.id, [TaskKind.VISIT], values.visitedOn);
        openTask(tx, found.id, TaskKind.STATION_REPORT, found.leadOrganisationId, due);
      }
      const stageBefore = found.stage;
      if (death || LEAD_CHANNELS.includes(found.channel)) found.stage = CaseStage.VISITED;
      publishStageChange(tx, found, stageBefore, values.visitedOn);
      recordEvent(tx, ctx.principal, {
        caseId: found.id,
        kind: 'VISIT_RECORDED',
        on: values.visitedOn,
        summary: `Visit recorded (${values.findings.length} life area(s)${values.referralRequested ? ', referral requested' : ''})`,
      });
      return visit;
    },
    loadVisit,
  );
}
