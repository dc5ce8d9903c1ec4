import type { EntityManager } from '@mikro-orm/postgresql';
import {
  assertId,
  badInput,
  can,
  codePrefix,
  createOnce,
  forbidden,
  invalidState,
  notFound,
  pastDate,
  requiredText,
  type Principal,
} from '@doudi/shared';
import { AppraisalOutcome, AppraisalParticipantRole, DemocraticAppraisal } from './appraisal.entity.js';
import type { RecordDemocraticAppraisalInput } from './appraisal.inputs.js';
import { Programme } from '../programme/programme.entity.js';
import type { HouseholdDirectory } from '../household/household-directory.js';

export interface AppraisalCaller {
  principal: Principal;
  assertion: string;
  households: HouseholdDirectory;
}

const MAX_PARTICIPANT_ROWS = 30;
const MAX_COUNT = 1000;

/**
 * Who records an appraisal: the village committee that held it or the township (a caseworker or a village desk), with
 * cases:write or benefits:propose where the household's hukou lies — the hukou place decides (河鱼府发【2021】39号 二(二)).
 */
function assertMayRecord(principal: Principal, hukouCode: string) {
  if (can(principal, 'cases:write', hukouCode) || can(principal, 'benefits:propose', hukouCode)) return;
  throw forbidden(
    `Only the village committee or township of the household's hukou place (${hukouCode}) records its democratic appraisal`,
    { permission: 'cases:write', jurisdictionCode: hukouCode },
  );
}

function participantsOf(input: RecordDemocraticAppraisalInput) {
  if (!Array.isArray(input.participants) || !input.participants.length)
    throw badInput('input.participants', 'Name who took part, by role');
  if (input.participants.length > MAX_PARTICIPANT_ROWS)
    throw badInput('input.participants', `At most ${MAX_PARTICIPANT_ROWS} rows of participants`);
  return input.participants.map((p, i) => {
    const field = `input.participants.${i}`;
    if (!Object.values(AppraisalParticipantRole).includes(p.role))
      throw badInput(`${field}.role`, `Unknown role ${p.role}`);
    const name = p.name?.trim() ? requiredText(`${field}.name`, p.name, 50, 'A name') : null;
    const count = p.count ?? 1;
    if (!Number.isInteger(count) || count < 1 || count > MAX_COUNT)
      throw badInput(`${field}.count`, `A count is 1 to ${MAX_COUNT}`);
    if (name && count !== 1) throw badInput(`${field}.count`, 'A named participant counts 1');
    return { role: p.role, name, count };
  });
}

/**
 * Records the village's democratic appraisal of a household's application under a programme (民主评议,
 * 临社救办发〔2015〕3号 二(一)): the day, who took part by role, PASSED or NOT_PASSED and the reasons. Once per
 * idempotencyKey. Recorded appraisals are not changed: a new meeting is a new appraisal, and the latest one counts.
 */
export async function recordDemocraticAppraisal(
  em: EntityManager,
  caller: AppraisalCaller,
  input: RecordDemocraticAppraisalInput,
): Promise<DemocraticAppraisal> {
  const { principal } = caller;
  const householdId = assertId('input.householdId', input.householdId);
  const programmeId = assertId('input.programmeId', input.programmeId);
  const caseId = input.caseId ? assertId('input.caseId', input.caseId) : null;
  const heldOn = pastDate('input.heldOn', input.heldOn);
  if (!Object.values(AppraisalOutcome).includes(input.outcome))
    throw badInput('input.outcome', `Unknown outcome ${input.outcome}`);
  const reasons = requiredText('input.reasons', input.reasons, 2000, 'The reasons');
  const participants = participantsOf(input);
  const programme = await em.findOne(Programme, { id: programmeId });
  if (!programme || programme.isTemplate) throw notFound('Programme', programmeId);
  // NOT_FOUND or FORBIDDEN from households when the caller cannot reach the family.
  const household = await caller.households.household(householdId, caller.assertion, heldOn);
  const hukouCode = household.jurisdiction.code;
  assertMayRecord(principal, hukouCode);
  if (!hukouCode.startsWith(codePrefix(programme.jurisdictionCode)))
    throw badInput('input.programmeId', `“${programme.name}” does not serve ${hukouCode}`);
  const values = { caseId, householdId, programmeId, heldOn, participants, outcome: input.outcome, reasons };
  return createOnce(
    em,
    'recordDemocraticAppraisal',
    input.idempotencyKey,
    values,
    async (tx) => {
      const appraisal = Object.assign(new DemocraticAppraisal(), {
        ...values,
        jurisdictionCode: hukouCode,
        recordedById: principal.id,
        recordedByOrganisationId: principal.organisationId,
      });
      tx.persist(appraisal);
      return appraisal;
    },
    (fresh, id) => fresh.findOneOrFail(DemocraticAppraisal, { id }),
  );
}

/** The appraisals of a household (under one programme if given), latest first; the caller must reach the household. */
export async function appraisalsOf(
  em: EntityManager,
  caller: AppraisalCaller,
  householdId: string,
  programmeId?: string | null,
): Promise<DemocraticAppraisal[]> {
  const id = assertId('householdId', householdId);
  await caller.households.household(id, caller.assertion);
  return em.find(
    DemocraticAppraisal,
    { householdId: id, ...(programmeId ? { programmeId: assertId('programmeId', programmeId) } : {}) },
    { orderBy: [{ heldOn: 'desc' }, { createdAt: 'desc' }] },
  );
}

/**
 * grantBenefit's precondition for a programme whose version requires it (appraisalRequired): the latest democratic
 * appraisal of the household under the programme, held by the proposal's date, PASSED. INVALID_STATE otherwise,
 * saying what is missing (临社救办发〔2015〕3号 二(一): 民主评议 before the proposal).
 */
export async function assertAppraisalPassed(
  em: EntityManager,
  values: { householdId: string; programmeId: string; grantedOn: string },
) {
  const latest = await em.findOne(
    DemocraticAppraisal,
    { householdId: values.householdId, programmeId: values.programmeId, heldOn: { $lte: values.grantedOn } },
    { orderBy: [{ heldOn: 'desc' }, { createdAt: 'desc' }] },
  );
  if (!latest)
    throw invalidState(
      'This programme requires the village’s democratic appraisal (民主评议, 临社救办发〔2015〕3号 二(一)) before a proposal: ' +
        'record it with recordDemocraticAppraisal',
      { missing: 'DEMOCRATIC_APPRAISAL' },
    );
  if (latest.outcome !== AppraisalOutcome.PASSED)
    throw invalidState(`The democratic appraisal of ${latest.heldOn} did not pass: ${latest.reasons}`, {
      appraisalId: latest.id,
      outcome: latest.outcome,
    });
  return latest;
}
