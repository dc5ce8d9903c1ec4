import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '@doudi/shared';
import { ScreeningLead } from './screening-lead.entity.js';
import { Case } from '../case/case.entity.js';
import { CaseChannel } from '../case/case.enums.js';
import { openingPlan } from '../case/case.plan.js';
import { openTask } from '../task/task.service.js';
import { recordEvent } from '../timeline/timeline.service.js';
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
  let opened = 0;
  for (const lead of waiting) {
    const leadOrganisationId = receiverOf[lead.townshipCode] ?? null;
    if (!leadOrganisationId) {
      lead.problem = `No organisation receives the leads of ${lead.townshipCode} (an assistance station, civil-affairs office or township government)`;
      continue;
    }
    const created = Object.assign(new Case(), {
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
    em.persist(created);
    openTask(em, created.id, plan.task!.kind, leadOrganisationId, NO_DUE);
    recordEvent(em, SCREENING, {
      caseId: created.id,
      kind: 'CASE_OPENED',
      on: lead.screenedOn,
      summary: `DATA_COMPARISON lead opened at LEAD from the screening of every household (${lead.matches.length} programme(s) matched)`,
    });
    Object.assign(lead, { caseId: created.id, problem: null });
    opened++;
  }
  await em.flush();
  return { last: waiting.length < INTAKE_BATCH ? null : waiting[waiting.length - 1], made: opened };
}
