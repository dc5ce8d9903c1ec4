import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '@doudi/shared';
import { ScreeningLead } from './screening-lead.entity.js';
import { Case } from '../case/case.entity.js';
import { CaseChannel } from '../case/case.enums.js';
import { openingPlan } from '../case/case.plan.js';
import { CaseTask } from '../task/task.entity.js';
import { CaseEvent } from '../timeline/case-event.entity.js';
import { NO_DUE } from '../deadline/deadline.service.js';

/** Asks organisations who receives each township's leads (remote/organisations.ts, leadReceivers). */
export type LeadReceivers = (townshipCodes: string[]) => Promise<Record<string, string | null>>;

/** How many leads one run opens at most; the next run takes the rest. */
export const INTAKE_BATCH = 1000;
/** Batches one run takes at most, so a first screening's thousands of leads open within a run or two. */
const MAX_BATCHES = 10;

/** The timeline's actor for steps no person took: the screening of every household. */
const SCREENING: Principal = {
  kind: 'ANONYMOUS',
  id: null,
  organisationId: null,
  jurisdictionCode: null,
  roles: [],
  scopes: [],
};

function summaryOf(lead: ScreeningLead): string {
  const programmes = lead.matches.map((m) => m.programmeName).filter(Boolean);
  const parts = [
    programmes.length ? `may qualify for ${programmes.join('、')}` : null,
    lead.keyGroups.length ? `key groups ${lead.keyGroups.join(', ')}` : null,
  ].filter(Boolean);
  return `Screening of ${lead.screenedOn} (信息比对, 河鱼府发【2021】39号 二(四)): ${parts.join('; ')}`.slice(0, 2000);
}

/**
 * Opens one DATA_COMPARISON case at stage LEAD for every waiting screening lead, in the township where the family
 * lives (河鱼府发【2021】39号 二(二): 居住地负责主动发现), led by the organisation that receives that township's leads, with
 * the lead workflow's ASSIGN_LEAD task (its checklist item, 清单管理). The hukou place is kept on the case, so its
 * overseers see it and decide (户籍地落实救助办理). A lead whose township has no receiver waits, with the reason.
 * In one transaction (the caller's, when it has one); answers how many cases it opened.
 */
export async function openScreeningLeads(em: EntityManager, receivers: LeadReceivers): Promise<number> {
  return em.transactional(async (tx) => {
    let opened = 0;
    let after: ScreeningLead | null = null;
    for (let batch = 0; batch < MAX_BATCHES; batch++) {
      const { last, made } = await openWaiting(tx, receivers, after);
      opened += made;
      if (last === null) break;
      after = last;
    }
    return opened;
  });
}

async function openWaiting(
  em: EntityManager,
  receivers: LeadReceivers,
  after: ScreeningLead | null,
): Promise<{ last: ScreeningLead | null; made: number }> {
  // Skip locked: two replicas running the job at once take different leads.
  const waiting = await em.find(
    ScreeningLead,
    // After the previous batch (a lead still waiting for a receiver is not taken twice in one run).
    after === null
      ? { caseId: null }
      : {
          caseId: null,
          $or: [{ receivedAt: { $gt: after.receivedAt } }, { receivedAt: after.receivedAt, id: { $gt: after.id } }],
        },
    { orderBy: { receivedAt: 'asc', id: 'asc' }, limit: INTAKE_BATCH, lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE },
  );
  if (!waiting.length) return { last: null, made: 0 };
  const receiverOf = await receivers([...new Set(waiting.map((l) => l.townshipCode))]);
  const plan = openingPlan(CaseChannel.DATA_COMPARISON, null);
  const created: Case[] = [];
  const tasks: CaseTask[] = [];
  const events: CaseEvent[] = [];
  const opened: { id: string; case_id: string }[] = [];
  const stranded: string[] = [];
  for (const lead of waiting) {
    const leadOrganisationId = receiverOf[lead.townshipCode] ?? null;
    if (!leadOrganisationId) {
      stranded.push(lead.id);
      continue;
    }
    const found = Object.assign(new Case(), {
      householdId: lead.householdId,
      channel: CaseChannel.DATA_COMPARISON,
      stage: plan.stage,
      summary: summaryOf(lead),
      leadOrganisationId,
      jurisdictionCode: lead.townshipCode,
      householdJurisdictionCode: lead.hukouCode,
      residenceJurisdictionCode: lead.residenceCode,
      receivedOn: lead.screenedOn,
    });
    created.push(found);
    // The lead workflow's first step (openTask, recordEvent), written below in one statement per table.
    tasks.push(
      Object.assign(new CaseTask(), {
        caseId: found.id,
        kind: plan.task!.kind,
        organisationId: leadOrganisationId,
        dueDate: NO_DUE.dueDate,
        dueRule: NO_DUE.dueRule,
        dueDateWarning: NO_DUE.dueDateWarning,
      }),
    );
    events.push(
      Object.assign(new CaseEvent(), {
        caseId: found.id,
        kind: 'CASE_OPENED',
        on: lead.screenedOn,
        summary: `DATA_COMPARISON lead opened at LEAD from the screening of every household (${lead.matches.length} programme(s) matched)`,
        referralId: null,
        actorId: SCREENING.id,
        actorOrganisationId: SCREENING.organisationId,
      }),
    );
    opened.push({ id: lead.id, case_id: found.id });
  }
  // A batch is a handful of multi-row statements, not three inserts and an update per lead.
  if (created.length) {
    await em.insertMany(Case, created);
    await em.insertMany(CaseTask, tasks);
    await em.insertMany(CaseEvent, events);
    await em.execute(
      `update screening_lead l set case_id = v.case_id, problem = null
         from jsonb_to_recordset(?::jsonb) as v(id uuid, case_id uuid) where l.id = v.id`,
      [JSON.stringify(opened)],
    );
  }
  if (stranded.length) {
    await em.execute(
      `update screening_lead
          set problem = 'No organisation receives the leads of ' || township_code ||
                        ' (an assistance station, civil-affairs office or township government)'
        where id = any(?::uuid[])`,
      [`{${stranded.join(',')}}`],
    );
  }
  // Nothing read here is used again: a clear identity map keeps the next batch as cheap as the first.
  em.clear();
  return { last: waiting.length < INTAKE_BATCH ? null : waiting[waiting.length - 1], made: created.length };
}
