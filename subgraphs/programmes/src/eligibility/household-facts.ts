import { ageOn, type HouseholdFactsLine } from '@doudi/shared';
import type { HouseholdRecord, MemberRecord } from '../household/household-directory.js';
import type { LocalStandard } from '../standard/local-standard.entity.js';
import type { Facts } from './facts.js';
import { factsOfLine } from '../screening/screening.facts.js';

const yuan = (fen: number | null | undefined) => (fen === null || fen === undefined ? null : fen / 100);
const number = (text: string | null) => (text === null ? null : Number(text));

function memberFacts(m: MemberRecord, date: string) {
  return {
    age: m.birthDate ? ageOn(m.birthDate, date) : null,
    sex: m.sex,
    relationship: m.relationshipToHead,
    orphan: m.orphan,
    unattendedChild: m.unattendedChild,
    schooling: m.schoolingStage,
    employment: m.employmentStatus,
    workAbility: m.workAbility,
    veteran: m.veteranStatus,
    // Health facts are null when the caller may not read them: the rule then asks for them (MISSING_INFORMATION).
    disabled: m.health ? m.health.hasDisabilityCertificate : null,
    disabilityGrade: m.health?.disabilityGrade ?? null,
    disabilityCategory: m.health?.disabilityCategory ?? null,
    seriousIllness: m.health ? m.health.seriousIllness : null,
    chronicIllness: m.health ? m.health.chronicIllness : null,
  };
}

/**
 * The fact model (FACTS.md) of one household on a date: what households knows of it, the local standards
 * of its hukou place for that year, and the kinds of programmes it already receives.
 */
export function householdFacts(
  household: HouseholdRecord,
  standards: LocalStandard | null,
  receives: string[],
  date: string,
): Facts {
  const rural = household.hukouType === 'RURAL';
  // The household's own line depends on its hukou type; unknown type, unknown line (the rule asks for it).
  const dibaoLineFen =
    standards && household.hukouType ? (rural ? standards.dibaoRuralMonthlyFen : standards.dibaoUrbanMonthlyFen) : null;
  const multiplier = standards ? standards.lowIncomeMultiplierPercent / 100 : 1.5;
  return {
    household: {
      size: household.members.nodes.length,
      hukouType: household.hukouType,
      jurisdictionCode: household.jurisdiction.code,
      residenceCode: household.residence.code,
      perCapitaIncome: number(household.averagePerCapitaMonthlyIncome),
      totalAssets: household.assets.reduce((sum, a) => sum + Number(a.value), 0),
      povertyMonitoring: household.povertyMonitoringStatus,
      hasAbleObligor: household.obligors.some((o) => o.ableToSupport),
      receives,
    },
    members: household.members.nodes.map((m) => memberFacts(m, date)),
    standards: {
      dibaoLine: yuan(dibaoLineFen),
      dibaoUrban: yuan(standards?.dibaoUrbanMonthlyFen),
      dibaoRural: yuan(standards?.dibaoRuralMonthlyFen),
      tekun: yuan(standards?.tekunMonthlyFen),
      lowIncomeMultiplier: multiplier,
      lowIncomeLine: dibaoLineFen === null ? null : (dibaoLineFen * multiplier) / 100,
    },
  } as Facts;
}

/**
 * A household as eligibility screens it, whichever way it was read: its places (which programmes apply) and its
 * facts once the local standards and what it receives are known.
 */
export interface ScreenedHousehold {
  id: string;
  jurisdictionCode: string;
  residenceCode: string;
  facts(standards: LocalStandard | null, receives: string[], date: string): Facts;
}

/** A household read as the caller from households' GraphQL API (health facts null where the caller may not read them). */
export const screenedRecord = (record: HouseholdRecord): ScreenedHousehold => ({
  id: record.id,
  jurisdictionCode: record.jurisdiction.code,
  residenceCode: record.residence.code,
  facts: (standards, receives, date) => householdFacts(record, standards, receives, date),
});

/**
 * A household from households' facts projection (the screening's feed), shown to a caller: without
 * `healthVisible` its members' health facts are unknown (null), as Person.health is null for a caller who may not
 * read them in the household's jurisdiction, so a rule that needs them answers MISSING_INFORMATION either way.
 */
export const screenedLine = (line: HouseholdFactsLine, healthVisible: boolean): ScreenedHousehold => ({
  id: line.id,
  jurisdictionCode: line.hukouCode,
  residenceCode: line.residenceCode,
  facts: (standards, receives, date) => {
    const facts = factsOfLine(line, standards, receives, date);
    if (!healthVisible)
      for (const member of facts.members)
        Object.assign(member, {
          disabled: null,
          disabilityGrade: null,
          disabilityCategory: null,
          seriousIllness: null,
          chronicIllness: null,
        });
    return facts;
  },
});
