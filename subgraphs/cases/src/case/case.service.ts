import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import {
  assertId,
  atVillage,
  assertJurisdictionCode,
  badInput,
  createOnce,
  forbidden,
  notFound,
  orderByOf,
  pageWindow,
  previousCreate,
  requirePermission,
  requiredText,
  toConnection,
  type Principal,
} from '@doudi/shared';
import { Case } from './case.entity.js';
import { CaseChannel, type PriorityGroup } from './case.enums.js';
import { CASE_ORDER_COLUMNS, type CaseListArgs, type OpenCaseInput } from './case.inputs.js';
import { overseesJurisdiction, visibleCases } from './case.access.js';
import { caseConditions } from './case.filter.js';
import { plainCasePage } from './case.page.js';
import { familyFacts, type FamilyFacts } from './case.household.js';
import { openingPlan } from './case.plan.js';
import { assertFamilyOfVillage, villageLead } from '../discovery/village-lead.js';
import { stepDate } from './case.step.js';
import { openTask } from '../task/task.service.js';
import { recordEvent } from '../timeline/timeline.service.js';
import { NO_DUE, requestDeadlines } from '../deadline/deadline.service.js';
import type { Context } from '../context.js';
import type { ConnectionSelection } from './case.selection.js';

export async function getCase(em: EntityManager, id: string, field = 'id'): Promise<Case> {
  const found = await em.findOne(Case, { id: assertId(field, id) });
  if (!found) throw notFound('Case', id);
  return found;
}

/**
 * A page of the cases the caller sees. The count over every page runs only when the query asks for `totalCount`:
 * otherwise one row more than the page tells whether there is a next one, and a query asking for neither reads
 * only the page.
 */
export async function listCases(
  em: EntityManager,
  principal: Principal,
  args: CaseListArgs,
  selected: ConnectionSelection = { totalCount: true, pageInfo: true },
) {
  const window = pageWindow(args);
  const conditions = caseConditions(em, args.filter ?? {});
  const orderBy = greenChannelAmongEquals(orderByOf(args.orderBy, CASE_ORDER_COLUMNS, { openedAt: 'desc' }));
  // Without filters (most lists): plain SQL read as rows (case.page.ts), a fraction of the ORM's CPU.
  if (!conditions.length) return plainCasePage(em, principal, window, orderBy, selected);
  const where: FilterQuery<Case>[] = [visibleCases(em, principal), ...conditions];
  if (selected.totalCount) {
    const [nodes, total] = await em.findAndCount(Case, { $and: where }, { ...window, orderBy });
    return toConnection(nodes, total, window);
  }
  const extra = selected.pageInfo ? 1 : 0;
  const rows = await em.find(Case, { $and: where }, { offset: window.offset, limit: window.limit + extra, orderBy });
  // Without totalCount the count is only what pageInfo needs: past the page when one more row came back.
  return toConnection(rows.slice(0, window.limit), window.offset + rows.length, window);
}

/**
 * 晋检发办字〔2023〕10号 第五条 (绿色通道, 优先办理): among cases equal in the order asked for (the same day received, the
 * same stage …), those in the green channel come first. The order asked for stays the primary one.
 */
export function greenChannelAmongEquals(order: Record<string, 'asc' | 'desc'>[]): Record<string, 'asc' | 'desc'>[] {
  if (order.some((o) => 'greenChannel' in o)) return order;
  return [...order.slice(0, -1), { greenChannel: 'desc' }, order[order.length - 1]];
}

/** What a case keeps of the household's facts: its places, 户口性质 and the green channel they show. */
export function factsOf(facts: FamilyFacts, declared: PriorityGroup[]) {
  return {
    householdJurisdictionCode: facts.householdJurisdictionCode,
    residenceJurisdictionCode: facts.residenceJurisdictionCode,
    hukouType: facts.hukouType,
    derivedPriorityGroups: facts.derivedPriorityGroups,
    sensitivePriorityGroups: facts.sensitivePriorityGroups,
    greenChannelFacts: facts.greenChannelFacts.map(({ group, fact }) => ({ group, fact })),
    greenChannel: declared.length > 0 || facts.derivedPriorityGroups.length > 0,
  };
}

const optionalId = (field: string, value: string | null | undefined) => (value ? assertId(field, value) : null);

function openingValues(input: OpenCaseInput) {
  const values = {
    householdId: assertId('input.householdId', input.householdId),
    leadOrganisationId: assertId('input.leadOrganisationId', input.leadOrganisationId),
    jurisdictionCode: assertJurisdictionCode('input.jurisdictionCode', input.jurisdictionCode),
    channel: input.channel,
    summary: requiredText('input.summary', input.summary, 2000, 'A summary'),
    receivedOn: stepDate('input.receivedOn', input.receivedOn),
    responsiblePerson: input.responsiblePerson?.trim() || null,
    originOrganisationId: optionalId('input.originOrganisationId', input.originOrganisationId),
    firstQuestionOrganisationId: optionalId('input.firstQuestionOrganisationId', input.firstQuestionOrganisationId),
    priorityGroups: [...new Set(input.priorityGroups ?? [])],
  };
  if (values.responsiblePerson && values.responsiblePerson.length > 100) {
    throw badInput('input.responsiblePerson', 'responsiblePerson is at most 100 characters');
  }
  if (values.firstQuestionOrganisationId && values.channel !== CaseChannel.HOTLINE) {
    throw badInput('input.firstQuestionOrganisationId', 'Only a HOTLINE case has a first-question organisation');
  }
  return values;
}

/** Opens a case at its channel's first stage, with the lead's first task due as the jurisdiction counts it. */
export async function openCase(ctx: Context, input: OpenCaseInput): Promise<Case> {
  const { em, principal } = ctx;
  const village = atVillage(principal);
  // 河鱼府发【2021】39号 二(一)(二): a village submits a VILLAGE_DISCOVERY lead to its township, and nothing else.
  const values = village ? await villageLead(ctx, openingValues(input)) : openingValues(input);
  if (!village) requirePermission(principal, 'cases:write', values.jurisdictionCode);
  // An agency opens cases it leads itself; only those who oversee the jurisdiction assign another lead.
  if (
    !village &&
    !overseesJurisdiction(principal, values.jurisdictionCode) &&
    values.leadOrganisationId !== principal.organisationId
  ) {
    throw forbidden('You can open a case only with your own organisation as its lead', {
      field: 'input.leadOrganisationId',
    });
  }
  // The key's fingerprint is what the caller sent: a retry tomorrow without receivedOn is still the same request.
  const { idempotencyKey, ...sent } = input;
  const previous = await previousCreate(em, 'openCase', idempotencyKey, sent);
  if (previous) return getCase(em, previous);
  const plan = openingPlan(values.channel, values.firstQuestionOrganisationId);
  const facts = await familyFacts(ctx, values.householdId, values.receivedOn);
  assertFamilyOfVillage(principal, facts);
  const due = plan.task?.rule
    ? await requestDeadlines(ctx).due(values.jurisdictionCode, plan.task.rule, values.receivedOn)
    : NO_DUE;
  return createOnce(
    em,
    'openCase',
    idempotencyKey,
    sent,
    async (tx) => {
      const created = Object.assign(new Case(), values, factsOf(facts, values.priorityGroups), {
        stage: plan.stage,
        atWindow: plan.atWindow,
        windowOrganisationId: plan.atWindow ? values.leadOrganisationId : null,
      });
      tx.persist(created);
      if (plan.task) openTask(tx, created.id, plan.task.kind, values.leadOrganisationId, due);
      recordEvent(tx, principal, {
        caseId: created.id,
        kind: 'CASE_OPENED',
        on: values.receivedOn,
        summary: `${values.channel} case opened at ${plan.stage}`,
      });
      return created;
    },
    (fresh, id) => getCase(fresh, id),
  );
}
