import type { EntityManager } from '@mikro-orm/postgresql';
import {
  assertId,
  badInput,
  createOnce,
  DomainError,
  ErrorCode,
  formatYuan,
  isIsoDate,
  notFound,
  parseYuan,
  requirePermission,
  type Principal,
} from '@doudi/shared';
import { Benefit } from './benefit.entity.js';
import { Programme } from '../programme/programme.entity.js';

export interface GrantBenefitValues {
  programmeId: string;
  householdId: string;
  personId?: string | null;
  amount: string;
  grantedOn: string;
  caseId?: string | null;
  note?: string | null;
  idempotencyKey?: string | null;
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

async function sumFen(tx: EntityManager, where: Record<string, unknown>): Promise<number> {
  const rows = await tx.find(Benefit, where, { fields: ['amountFen'] });
  return rows.reduce((total, b) => total + b.amountFen, 0);
}

/**
 * Records relief in the ledger within the programme's caps — per grant, per person per year, per household
 * per year (seed 003 二(八): 临时救助 "原则上个人年最高救助额不超过5000元,家庭年最高救助额不超过10000元").
 * Grants for one household and year are serialised by a transaction-scoped advisory lock, so grants made at
 * the same moment can never together pass a cap.
 */
export async function grantBenefit(
  em: EntityManager,
  principal: Principal,
  input: GrantBenefitValues,
): Promise<Benefit> {
  const programmeId = assertId('input.programmeId', input.programmeId);
  const householdId = assertId('input.householdId', input.householdId);
  const personId = input.personId ? assertId('input.personId', input.personId) : null;
  const amountFen = parseYuan('input.amount', input.amount);
  if (amountFen === 0) throw badInput('input.amount', 'A grant is more than zero');
  if (!isIsoDate(input.grantedOn)) throw badInput('input.grantedOn', 'grantedOn must be a date, YYYY-MM-DD');
  const programme = await em.findOne(Programme, { id: programmeId });
  if (!programme) throw notFound('Programme', programmeId);
  requirePermission(principal, 'benefits:propose', programme.jurisdictionCode);
  const year = Number(input.grantedOn.slice(0, 4));
  const values = {
    programmeId,
    householdId,
    personId,
    amountFen,
    grantedOn: input.grantedOn,
    year,
    caseId: input.caseId ?? null,
    note: input.note?.trim() || null,
  };

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
          [`benefit:${programmeId}:${householdId}:${year}`],
          'all',
          tx.getTransactionContext(),
        );
      if (programme.capPerGrantFen !== null && amountFen > programme.capPerGrantFen) {
        throw limitExceeded('PER_GRANT', programme.capPerGrantFen, 0, amountFen);
      }
      if (programme.capPerHouseholdYearFen !== null) {
        const used = await sumFen(tx, { programmeId, householdId, year });
        if (used + amountFen > programme.capPerHouseholdYearFen)
          throw limitExceeded('PER_HOUSEHOLD_PER_YEAR', programme.capPerHouseholdYearFen, used, amountFen);
      }
      if (programme.capPerPersonYearFen !== null && personId) {
        const used = await sumFen(tx, { programmeId, personId, year });
        if (used + amountFen > programme.capPerPersonYearFen)
          throw limitExceeded('PER_PERSON_PER_YEAR', programme.capPerPersonYearFen, used, amountFen);
      }
      const benefit = Object.assign(new Benefit(), values);
      tx.persist(benefit);
      return benefit;
    },
    (fresh, id) => fresh.findOneOrFail(Benefit, { id }),
  );
}
