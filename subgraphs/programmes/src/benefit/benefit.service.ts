import { auditStep } from './benefit.audit.js';
import { filedAs, filingOfStep, type RelativeFiling } from './benefit.filing.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  assertDate,
  assertId,
  badInput,
  codePrefix,
  createOnce,
  DomainError,
  ErrorCode,
  formatYuan,
  invalidState,
  notFound,
  optionalDate,
  parseYuan,
  requirePermission,
  shanghaiDate,
  type Principal,
  actorOf,
} from '@doudi/shared';
import { Benefit } from './benefit.entity.js';
import { AmountSource, BenefitStatus, StaffRelation } from './benefit-status.js';
import { Programme } from '../programme/programme.entity.js';
import { approvalTiersOf, configurationOn, tierFor, type EffectiveConfiguration } from '../version/configuration.js';
import { sourceOf } from '../version/version.service.js';
import { assertMember, type HouseholdDirectory, type HouseholdRecord } from '../household/household-directory.js';
import { formulaAmount } from '../eligibility/screening.js';
import { standardsFor } from '../standard/standard.service.js';
import { assertHukouPlaceDecides } from './benefit-review.js';
import { assertAppraisalPassed } from '../appraisal/appraisal.service.js';
import { decisionDueOn, type DecisionCalendar } from './benefit-decision-due.js';

export interface GrantBenefitValues {
  programmeId: string;
  householdId: string;
  personId?: string | null;
  amount?: string | null;
  grantedOn: string;
  periodStart?: string | null;
  periodEnd?: string | null;
  staffRelation?: StaffRelation | null;
  caseId?: string | null;
  referralId?: string | null;
  note?: string | null;
  idempotencyKey?: string | null;
}

export interface Caller {
  principal: Principal;
  assertion: string;
  households: HouseholdDirectory;
  /** The working-day calendar the decision due date is counted in (临社救办发〔2015〕3号 二(八)). */
  calendar?: DecisionCalendar;
  /** Declared close relatives in the chain (备案); the API always asks, a service-level caller may not. */
  filing?: RelativeFiling;
}

const limitExceeded = (cap: string, limitFen: number, usedFen: number, askedFen: number) =>
  new DomainError(
    ErrorCode.LIMIT_EXCEEDED,
    `This grant of ${formatYuan(askedFen)} would pass the ${cap.toLowerCase().replace(/_/g, ' ')} cap of ${formatYuan(limitFen)}; ${formatYuan(Math.max(limitFen - usedFen, 0))} is left`,
    {
      field: 'input.amount',
      cap,
      limit: formatYuan(limitFen),
      used: formatYuan(usedFen),
      roomLeft: formatYuan(Math.max(limitFen - usedFen, 0)),
    },
  );

/** Everything granted that counts against a cap: all but what was refused. */
async function sumFen(tx: EntityManager, where: Record<string, unknown>): Promise<number> {
  const rows = await tx.find(Benefit, { ...where, status: { $ne: BenefitStatus.REJECTED } }, { fields: ['amountFen'] });
  return rows.reduce((total, b) => total + b.amountFen, 0);
}

/** 临社救办发〔2015〕3号 二(八): 临时救助 "原则上个人年最高救助额不超过5000元,家庭年最高救助额不超过10000元". */
export async function assertWithinCaps(
  tx: EntityManager,
  config: EffectiveConfiguration,
  b: Pick<Benefit, 'programmeId' | 'householdId' | 'personId' | 'year' | 'amountFen'>,
) {
  const caps = config.settings.caps;
  if (!caps) return;
  if (caps.perGrantFen !== null && b.amountFen > caps.perGrantFen) {
    throw limitExceeded('PER_GRANT', caps.perGrantFen, 0, b.amountFen);
  }
  if (caps.perHouseholdYearFen !== null) {
    const used = await sumFen(tx, { programmeId: b.programmeId, householdId: b.householdId, year: b.year });
    if (used + b.amountFen > caps.perHouseholdYearFen)
      throw limitExceeded('PER_HOUSEHOLD_PER_YEAR', caps.perHouseholdYearFen, used, b.amountFen);
  }
  if (caps.perPersonYearFen !== null && b.personId) {
    const used = await sumFen(tx, { programmeId: b.programmeId, personId: b.personId, year: b.year });
    if (used + b.amountFen > caps.perPersonYearFen)
      throw limitExceeded('PER_PERSON_PER_YEAR', caps.perPersonYearFen, used, b.amountFen);
  }
}

/** The amount: as entered, else the programme's fixed amount, else its formula over the household's facts. */
async function amountOf(
  em: EntityManager,
  input: GrantBenefitValues,
  config: EffectiveConfiguration,
  household: HouseholdRecord,
): Promise<{ amountFen: number; amountSource: AmountSource }> {
  if (input.amount !== undefined && input.amount !== null && input.amount !== '') {
    const amountFen = parseYuan('input.amount', input.amount);
    if (amountFen === 0) throw badInput('input.amount', 'A grant is more than zero');
    return { amountFen, amountSource: AmountSource.ENTERED };
  }
  const amount = config.settings.amount;
  if (amount?.fixedFen) return { amountFen: amount.fixedFen, amountSource: AmountSource.FIXED };
  if (amount?.formula) {
    const standards = await standardsFor(em, household.jurisdiction.code, Number(input.grantedOn.slice(0, 4)));
    const result = formulaAmount(amount.formula, household, standards, input.grantedOn);
    if ('missing' in result) {
      throw badInput('input.amount', `The formula needs facts the household lacks: ${result.missing.join(', ')}`, {
        missing: result.missing,
      });
    }
    if (result.amountFen === 0) throw badInput('input.amount', 'The formula gives nothing for this household');
    return { amountFen: result.amountFen, amountSource: AmountSource.FORMULA };
  }
  throw badInput('input.amount', 'This programme has no fixed amount or formula: give the amount');
}

function period(input: GrantBenefitValues) {
  const periodStart = optionalDate('input.periodStart', input.periodStart);
  const periodEnd = optionalDate('input.periodEnd', input.periodEnd);
  if (periodEnd !== null && (periodStart === null || periodEnd < periodStart)) {
    throw badInput('input.periodEnd', 'A period ends on or after its start');
  }
  return { periodStart, periodEnd };
}

/**
 * Proposes relief under the configuration in force on `grantedOn`, within the programme's caps.
 * Grants for one household and year are serialised by a transaction-scoped advisory lock, so grants made
 * at the same moment can never together pass a cap; every grant not rejected counts.
 */
export async function grantBenefit(em: EntityManager, caller: Caller, input: GrantBenefitValues): Promise<Benefit> {
  const { principal } = caller;
  const programmeId = assertId('input.programmeId', input.programmeId);
  const householdId = assertId('input.householdId', input.householdId);
  const personId = input.personId ? assertId('input.personId', input.personId) : null;
  assertDate('input.grantedOn', input.grantedOn);
  const programme = await em.findOne(Programme, { id: programmeId });
  if (!programme) throw notFound('Programme', programmeId);
  if (programme.isTemplate)
    throw badInput('input.programmeId', 'A template grants nothing; use a programme that adopts it');
  requirePermission(principal, 'benefits:propose');
  const household = await caller.households.household(householdId, caller.assertion, input.grantedOn);
  // The hukou place decides (河鱼府发【2021】39号 二(二)): the proposer works there, whichever level runs the programme.
  const jurisdictionCode = household.jurisdiction.code;
  assertHukouPlaceDecides(principal, 'benefits:propose', jurisdictionCode, 'propose relief for it');
  if (!jurisdictionCode.startsWith(codePrefix(programme.jurisdictionCode))) {
    throw badInput(
      'input.householdId',
      `“${programme.name}” serves ${programme.jurisdictionCode}; the household’s hukou is in ${jurisdictionCode}`,
    );
  }
  if (personId) assertMember(household, personId);
  const config = await configurationOn(sourceOf(em), programme, input.grantedOn);
  if (!config) throw invalidState(`“${programme.name}” has no configuration in force on ${input.grantedOn}`);
  const { amountFen, amountSource } = await amountOf(em, input, config, household);
  const tier = tierFor(approvalTiersOf(config), amountFen);
  const values = {
    programmeId,
    householdId,
    jurisdictionCode,
    personId,
    amountFen,
    amountSource,
    grantedOn: input.grantedOn,
    ...period(input),
    year: Number(input.grantedOn.slice(0, 4)),
    settings: config.settings,
    versionNumber: config.version?.number ?? null,
    approvalLevel: tier.level,
    collectiveReviewRequired: tier.collectiveReview,
    staffRelation: input.staffRelation ?? StaffRelation.NONE,
    proposedById: principal.id,
    proposedByActorId: actorOf(principal),
    caseId: input.caseId ? assertId('input.caseId', input.caseId) : null,
    referralId: input.referralId ? assertId('input.referralId', input.referralId) : null,
    note: input.note?.trim() || null,
  };
  // Counted before the transaction (a remote calendar), and kept out of the retry's fingerprint: a retry the next day
  // is the same proposal.
  // The filing check (备案) is asked alongside, before the transaction too, and kept out of the fingerprint likewise.
  const [dueOn, filed] = await Promise.all([
    decisionDueOn(em, caller.calendar, jurisdictionCode, programme.kind, shanghaiDate()),
    caller.filing ? filingOfStep(caller.filing, householdId, principal, '提出') : null,
  ]);

  return createOnce(
    em,
    'grantBenefit',
    input.idempotencyKey,
    values,
    async (tx) => {
      await tx
        .getConnection()
        .execute(
          'select pg_advisory_xact_lock(hashtext(?))',
          [`benefit:${programmeId}:${householdId}:${values.year}`],
          'all',
          tx.getTransactionContext(),
        );
      await assertWithinCaps(tx, config, values);
      // 临社救办发〔2015〕3号 二(一) 民主评议: where the version requires it, the latest appraisal must have PASSED.
      if (config.settings.appraisalRequired) await assertAppraisalPassed(tx, values);
      const benefit = Object.assign(
        new Benefit(),
        values,
        { decisionDueOn: dueOn },
        filedAs({ ...values, filingReason: null }, filed),
      );
      tx.persist(benefit);
      await auditStep(tx, principal, 'BENEFIT_PROPOSED', benefit);
      return benefit;
    },
    (fresh, id) => fresh.findOneOrFail(Benefit, { id }),
  );
}
