import { ageOn, type HouseholdFactsLine } from '@doudi/shared';
import type { Facts, MemberFacts } from '../eligibility/facts.js';
import type { LocalStandard } from '../standard/local-standard.entity.js';

const yuan = (fen: number | null | undefined) => (fen === null || fen === undefined ? null : fen / 100);

/**
 * The fact model (eligibility/FACTS.md) of one household of the feed, as household-facts.ts builds it from a
 * GraphQL record: the same facts, so a rule screens a household as `screen` explains it. The route is the
 * service's own, so health facts are always known here.
 */
export function factsOfLine(
  line: HouseholdFactsLine,
  standards: LocalStandard | null,
  receives: string[],
  date: string,
): Facts {
  const dibaoLineFen =
    standards && line.hukouType
      ? line.hukouType === 'RURAL'
        ? standards.dibaoRuralMonthlyFen
        : standards.dibaoUrbanMonthlyFen
      : null;
  const multiplier = standards ? standards.lowIncomeMultiplierPercent / 100 : 1.5;
  const members: MemberFacts[] = line.members.map((m) => ({
    age: m.birthDate ? ageOn(m.birthDate, date) : null,
    sex: m.sex as MemberFacts['sex'],
    relationship: m.relationship as MemberFacts['relationship'],
    orphan: m.orphan,
    unattendedChild: m.unattendedChild,
    schooling: m.schooling as MemberFacts['schooling'],
    employment: m.employment as MemberFacts['employment'],
    workAbility: m.workAbility as MemberFacts['workAbility'],
    veteran: m.veteran as MemberFacts['veteran'],
    disabled: m.disabled,
    disabilityGrade: m.disabilityGrade,
    disabilityCategory: m.disabilityCategory,
    seriousIllness: m.seriousIllness,
    chronicIllness: m.chronicIllness,
  }));
  return {
    household: {
      size: members.length,
      hukouType: line.hukouType,
      jurisdictionCode: line.hukouCode,
      residenceCode: line.residenceCode,
      perCapitaIncome: yuan(line.incomeFen),
      totalAssets: line.assetsFen / 100,
      povertyMonitoring: line.povertyMonitoring as Facts['household']['povertyMonitoring'],
      hasAbleObligor: line.ableObligor,
      receives: receives as Facts['household']['receives'],
    },
    members,
    standards: {
      dibaoLine: yuan(dibaoLineFen),
      dibaoUrban: yuan(standards?.dibaoUrbanMonthlyFen),
      dibaoRural: yuan(standards?.dibaoRuralMonthlyFen),
      tekun: yuan(standards?.tekunMonthlyFen),
      lowIncomeMultiplier: multiplier,
      lowIncomeLine: dibaoLineFen === null ? null : (dibaoLineFen * multiplier) / 100,
    },
  };
}

/** The values of the facts a rule read, by path, for the lead (members' facts as one value per member). */
export function factValues(paths: readonly string[], facts: Facts): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const path of [...paths].sort()) {
    const [scope, name] = path.split('.');
    if (scope === 'members')
      values[path] = facts.members.map((m) => (m as unknown as Record<string, unknown>)[name] ?? null);
    else values[path] = (facts[scope as 'household' | 'standards'] as unknown as Record<string, unknown>)[name] ?? null;
  }
  return values;
}
