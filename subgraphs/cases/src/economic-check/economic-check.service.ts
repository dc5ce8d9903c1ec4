import type { EntityManager } from '@mikro-orm/postgresql';
import {
  assertId,
  assertVersion,
  badInput,
  createOnce,
  forbidden,
  invalidState,
  notFound,
  optionalText,
  previousCreate,
  requirePermission,
} from '@doudi/shared';
import { EconomicCheck, EconomicCheckStatus } from './economic-check.entity.js';
import type { RecordEconomicCheckResultInput, RequestEconomicCheckInput } from './economic-check.inputs.js';
import { LEAD_CHANNELS, WINDOW_CHANNELS } from '../case/case.enums.js';
import { assertCanSeeCase, assertMayAct, canSeeCase } from '../case/case.access.js';
import { assertChannel, assertOpen, lockCase, stepDate } from '../case/case.step.js';
import { getCase } from '../case/case.service.js';
import { TaskKind } from '../task/task.entity.js';
import { finishTasks, openTask } from '../task/task.service.js';
import { recordEvent } from '../timeline/timeline.service.js';
import { requestDeadlines } from '../deadline/deadline.service.js';
import { DeadlineRule } from '../deadline/deadline.rules.js';
import { organisationKind } from '../remote/organisations.js';
import { hasConsent, recordCheckedFacts } from '../remote/households.js';
import type { Context } from '../context.js';

/** The channels by which a dibao or tekun application reaches a township: the window and the leads of discovery. */
const APPLICATION_CHANNELS = [...WINDOW_CHANNELS, ...LEAD_CHANNELS];

const INCOME_CATEGORIES = ['WAGES', 'AGRICULTURE', 'BUSINESS', 'PROPERTY', 'TRANSFER', 'OTHER'];
const ASSET_KINDS = ['DEPOSIT', 'SECURITIES', 'VEHICLE', 'HOUSE', 'LAND', 'BUSINESS', 'OTHER'];

/** What every check's answer is recorded as in the registry (the organisation itself is on the history entry). */
export const CHECK_SOURCE = '家庭经济状况核对';

const loadCheck = async (em: EntityManager, id: string) => (await em.findOne(EconomicCheck, { id }))!;

/**
 * Asks the checking organisation for the household's income and assets (家庭经济状况核对, 临社救办发〔2015〕3号 二(一)、三(三)).
 * The lead of the application (window, assigned office) or an overseer asks; only with the family's DATA_SHARING
 * consent on record (INVALID_STATE without it: record the consent first); one check open at a time. Its answer is due
 * within the county's ECONOMIC_CHECK time limit (working days of its calendar) and waits in the checking
 * organisation's inbox as an ECONOMIC_CHECK task, reminded and escalated by the deadline sweep like every step.
 */
export async function requestEconomicCheck(ctx: Context, input: RequestEconomicCheckInput) {
  const caseId = assertId('input.caseId', input.caseId);
  const checkingOrganisationId = assertId('input.checkingOrganisationId', input.checkingOrganisationId);
  const requestedOn = stepDate('input.requestedOn', input.requestedOn);
  const { idempotencyKey, ...sent } = input;
  const previous = await previousCreate(ctx.em, 'requestEconomicCheck', idempotencyKey, sent);
  if (previous) return loadCheck(ctx.em, previous);
  const seen = await getCase(ctx.em, caseId, 'input.caseId');
  await assertCanSeeCase(ctx.principal, seen, ctx.loaders);
  assertMayAct(
    ctx.principal,
    seen,
    [seen.windowOrganisationId, seen.officeOrganisationId],
    'an economic check for the application',
  );
  assertOpen(seen);
  assertChannel(seen, 'requestEconomicCheck', ...APPLICATION_CHANNELS);
  if (requestedOn < seen.receivedOn)
    throw badInput('input.requestedOn', 'A check is not asked before the case came in');
  await assertNoOpenCheck(ctx.em, caseId);
  // Unknown organisation: NOT_FOUND from organisations, named as the field here.
  await organisationKind(ctx, checkingOrganisationId).catch((error) => {
    if (error?.extensions?.code === 'NOT_FOUND')
      throw badInput('input.checkingOrganisationId', 'There is no organisation with this id');
    throw error;
  });
  if (!(await hasConsent(ctx, seen.householdId, 'DATA_SHARING'))) {
    throw invalidState(
      'The family has not consented to sharing its data (DATA_SHARING): record its consent before asking other ' +
        'departments for its income and assets (临社救办发〔2015〕3号 三(三))',
      { missingConsent: 'DATA_SHARING' },
    );
  }
  const due = await requestDeadlines(ctx).due(seen.jurisdictionCode, DeadlineRule.ECONOMIC_CHECK, requestedOn);
  return createOnce(
    ctx.em,
    'requestEconomicCheck',
    idempotencyKey,
    sent,
    async (tx) => {
      const found = await lockCase(tx, caseId);
      assertOpen(found);
      await assertNoOpenCheck(tx, caseId);
      const check = Object.assign(new EconomicCheck(), {
        caseId,
        householdId: found.householdId,
        checkingOrganisationId,
        requestedById: ctx.principal.id,
        requestedByOrganisationId: ctx.principal.organisationId,
        requestedOn,
        ...due,
      });
      tx.persist(check);
      openTask(tx, caseId, TaskKind.ECONOMIC_CHECK, checkingOrganisationId, due);
      recordEvent(tx, ctx.principal, {
        caseId,
        kind: 'ECONOMIC_CHECK_REQUESTED',
        on: requestedOn,
        summary: `The household's income and assets were asked of the checking organisation${
          due.dueDate ? `, due ${due.dueDate}` : ''
        } (家庭经济状况核对)`,
      });
      return check;
    },
    loadCheck,
  );
}

async function assertNoOpenCheck(em: EntityManager, caseId: string) {
  const open = await em.findOne(EconomicCheck, { caseId, status: EconomicCheckStatus.REQUESTED });
  if (open)
    throw invalidState(`An economic check of this case is open, due ${open.dueDate ?? 'undated'}`, {
      checkId: open.id,
    });
}

/**
 * A check the caller may see: the checking organisation's own staff, and those who see its case. Anyone else gets the
 * NOT_FOUND an unknown id gets.
 */
export async function visibleCheck(ctx: Context, id: string, field = 'id'): Promise<EconomicCheck> {
  requirePermission(ctx.principal, 'cases:read');
  const check = await ctx.em.findOne(EconomicCheck, { id: assertId(field, id) });
  if (!check) throw notFound('EconomicCheck', id);
  if (check.checkingOrganisationId === ctx.principal.organisationId) return check;
  const found = await ctx.loaders.case.load(check.caseId);
  if (!found) throw notFound('EconomicCheck', id);
  if (!(await canSeeCase(ctx.principal, found, ctx.loaders))) throw notFound('EconomicCheck', id);
  return check;
}

function validateLines(input: RecordEconomicCheckResultInput) {
  if (!Array.isArray(input.incomes) || !Array.isArray(input.assets))
    throw badInput('input.incomes', 'Give the incomes and assets found (either list may be empty, not both)');
  input.incomes.forEach((line, i) => {
    if (!INCOME_CATEGORIES.includes(line.category))
      throw badInput(`input.incomes.${i}.category`, `Unknown income category ${line.category}`);
  });
  input.assets.forEach((line, i) => {
    if (!ASSET_KINDS.includes(line.kind)) throw badInput(`input.assets.${i}.kind`, `Unknown asset kind ${line.kind}`);
  });
  if (!input.incomes.length && !input.assets.length)
    throw badInput('input.incomes', 'A check answers at least one income figure or asset (record "0" for none)');
}

/**
 * The checking organisation answers: what it found is written into the household's facts in households — each figure
 * with the check as source and the day of the answer, one history entry naming the organisation — and programmes
 * screens the household again on them; then the check is ANSWERED, its task done and the timeline says so. Only the
 * checking organisation's own staff answer (谁办理谁签字). Writing the facts first and idempotently means a failure
 * between the two leaves the check open, and answering again completes it without writing anything twice.
 */
export async function recordEconomicCheckResult(ctx: Context, input: RecordEconomicCheckResultInput) {
  requirePermission(ctx.principal, 'cases:write');
  const check = await visibleCheck(ctx, input.checkId, 'input.checkId');
  if (check.checkingOrganisationId !== ctx.principal.organisationId)
    throw forbidden('Only the checking organisation answers its economic check');
  assertVersion(check, input.version, 'EconomicCheck');
  if (check.status !== EconomicCheckStatus.REQUESTED)
    throw invalidState(`This check was answered on ${check.answeredOn}`, { status: check.status });
  const checkedOn = stepDate('input.checkedOn', input.checkedOn);
  if (checkedOn < check.requestedOn) throw badInput('input.checkedOn', 'A check is answered on or after its request');
  const note = optionalText('input.note', input.note, 2000, 'A note', true);
  validateLines(input);
  const seen = await ctx.loaders.case.load(check.caseId);
  if (!seen) throw notFound('Case', check.caseId);
  assertOpen(seen);
  await recordCheckedFacts(ctx, {
    householdId: check.householdId,
    checkedOn,
    source: CHECK_SOURCE,
    reference: check.id,
    incomes: input.incomes.map(({ month, category, amount }) => ({ month, category, amount })),
    assets: input.assets.map(({ kind, description, value }) => ({ kind, description, value })),
    idempotencyKey: `economic-check-${check.id}`,
  });
  return ctx.em.transactional(async (tx) => {
    await lockCase(tx, check.caseId);
    const fresh = await tx.findOneOrFail(EconomicCheck, { id: check.id }, { refresh: true });
    assertVersion(fresh, input.version ?? check.version, 'EconomicCheck');
    if (fresh.status !== EconomicCheckStatus.REQUESTED)
      throw invalidState(`This check was answered on ${fresh.answeredOn}`, { status: fresh.status });
    Object.assign(fresh, {
      status: EconomicCheckStatus.ANSWERED,
      answeredOn: checkedOn,
      answeredById: ctx.principal.id,
      incomeFigures: input.incomes.length,
      assetCount: input.assets.length,
      note,
    });
    await finishTasks(tx, check.caseId, [TaskKind.ECONOMIC_CHECK], checkedOn);
    recordEvent(tx, ctx.principal, {
      caseId: check.caseId,
      kind: 'ECONOMIC_CHECK_ANSWERED',
      on: checkedOn,
      summary:
        `The checking organisation answered: ${input.incomes.length} income figure(s) and ${input.assets.length} ` +
        'asset(s) recorded in the household’s facts, which were screened again (家庭经济状况核对)',
    });
    return fresh;
  });
}
