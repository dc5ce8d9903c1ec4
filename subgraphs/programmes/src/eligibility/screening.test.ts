import { describe, expect, it } from 'vitest';
import { explainInForce, formulaAmount } from './screening.js';
import { householdFacts } from './household-facts.js';
import type { HouseholdRecord } from '../household/household-directory.js';

const household: HouseholdRecord = {
  id: '019a0000-0000-7000-8000-00000000f001',
  jurisdiction: { code: '141023100000' },
  residence: { code: '141023100000' },
  hukouType: 'RURAL',
  povertyMonitoringStatus: 'NONE',
  averagePerCapitaMonthlyIncome: '300.00',
  assets: [],
  obligors: [],
  members: { nodes: [] },
};

describe('a benefit formula at grant time', () => {
  it('answers INVALID_STATE, not an internal error, when it cannot give an amount for the household', () => {
    let caught: unknown;
    try {
      formulaAmount('100.0 / (household.totalAssets - household.totalAssets)', household, null, '2026-10-09');
    } catch (error) {
      caught = error;
    }
    expect((caught as { extensions?: Record<string, unknown> }).extensions).toMatchObject({ code: 'INVALID_STATE' });
  });

  it('names the facts it still needs instead of guessing', () => {
    expect(formulaAmount('standards.tekun', household, null, '2026-10-09')).toEqual({ missing: ['standards.tekun'] });
  });
});

describe('a rule in force explained on a household read again', () => {
  const facts = (perCapitaIncome: number) =>
    householdFacts({ ...household, averagePerCapitaMonthlyIncome: String(perCapitaIncome) }, null, [], '2026-10-09');
  it('gives the explanation already given for the same rule and facts, and a new one when a fact changed', () => {
    const rule = 'household.perCapitaIncome < 500.0';
    const first = explainInForce(rule, facts(300));
    expect(first.outcome).toBe('ELIGIBLE');
    expect(explainInForce(rule, facts(300))).toBe(first);
    expect(explainInForce(rule, facts(800)).outcome).toBe('NOT_ELIGIBLE');
    expect(explainInForce('household.perCapitaIncome < 200.0', facts(300)).outcome).toBe('NOT_ELIGIBLE');
  });
});
