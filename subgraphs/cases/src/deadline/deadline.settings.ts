import type { EntityManager } from '@mikro-orm/postgresql';
import {
  assertJurisdictionCode,
  badInput,
  chainOf,
  nearestPublished,
  requirePermission,
  type Principal,
} from '@doudi/shared';
import { DEADLINE_DEFAULTS, DeadlineRule, DeadlineUnit } from './deadline.rules.js';
import { DeadlineSetting } from './deadline-setting.entity.js';

export interface DeadlineInForce {
  rule: DeadlineRule;
  amount: number;
  unit: DeadlineUnit;
  setBy: string | null;
  defaultSource: string;
  defaultAmount: number;
}

/** The limits in force in a jurisdiction: its own, else the nearest jurisdiction's above it, else the regulation's. */
export async function deadlinesFor(em: EntityManager, jurisdictionCode: string): Promise<DeadlineInForce[]> {
  const code = assertJurisdictionCode('jurisdictionCode', jurisdictionCode);
  const settings = await em.find(DeadlineSetting, { jurisdictionCode: { $in: chainOf(code) } });
  return Object.values(DeadlineRule).map((rule) => {
    const own = nearestPublished(
      code,
      settings.filter((s) => s.rule === rule),
      (s) => s.jurisdictionCode,
    );
    const fallback = DEADLINE_DEFAULTS[rule];
    return {
      rule,
      amount: own?.amount ?? fallback.amount,
      unit: fallback.unit,
      setBy: own?.jurisdictionCode ?? null,
      defaultSource: fallback.source,
      defaultAmount: fallback.amount,
    };
  });
}

const LIMITS: Record<DeadlineUnit, [number, number]> = {
  WORKING_DAYS: [1, 60],
  CALENDAR_MONTHS: [1, 12],
  DAY_OF_MONTH: [0, 28],
};

/** Sets a jurisdiction's own limit for a rule, or without an amount removes it (the inherited one applies). */
export async function setDeadline(
  em: EntityManager,
  principal: Principal,
  input: { jurisdictionCode: string; rule: DeadlineRule; amount?: number | null; reason?: string | null },
): Promise<DeadlineInForce[]> {
  const code = assertJurisdictionCode('input.jurisdictionCode', input.jurisdictionCode);
  requirePermission(principal, 'programmes:write', code);
  const existing = await em.findOne(DeadlineSetting, { jurisdictionCode: code, rule: input.rule });
  if (input.amount === undefined || input.amount === null) {
    if (existing) await em.remove(existing).flush();
    return deadlinesFor(em, code);
  }
  const { unit } = DEADLINE_DEFAULTS[input.rule];
  const [min, max] = LIMITS[unit];
  if (!Number.isInteger(input.amount) || input.amount < min || input.amount > max) {
    throw badInput('input.amount', `${input.rule} is counted in ${unit}: between ${min} and ${max}`);
  }
  const setting = existing ?? Object.assign(new DeadlineSetting(), { jurisdictionCode: code, rule: input.rule });
  Object.assign(setting, { amount: input.amount, reason: input.reason?.trim() || null });
  await em.persist(setting).flush();
  return deadlinesFor(em, code);
}
