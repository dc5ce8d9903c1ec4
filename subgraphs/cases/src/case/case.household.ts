import { ageOn } from '@doudi/shared';
import type { Context } from '../context.js';
import { householdFacts, type HouseholdFacts } from '../remote/households.js';
import { PriorityGroup } from './case.enums.js';

export interface FamilyPlaces {
  householdJurisdictionCode: string | null;
  residenceJurisdictionCode: string | null;
}

/** Where the household comes from in the green channel: what the caller ticked, or its recorded facts. */
export interface GreenChannelReasonValue {
  group: PriorityGroup;
  /** DECLARED: ticked when the case was opened; HOUSEHOLD_FACTS: read from the household's record. */
  source: 'DECLARED' | 'HOUSEHOLD_FACTS';
  /** The fact that placed it, in words (never an ID number, name or health detail). */
  fact: string | null;
}

/** What the case keeps of the household's facts: its places, whether it is rural, and the priority groups they show. */
export interface FamilyFacts extends FamilyPlaces {
  /** RURAL or URBAN as households records it (户口性质); null when the caller could not read it. */
  hukouType: string | null;
  derivedPriorityGroups: PriorityGroup[];
  /** Derived groups that rest on health facts (docs/architecture.md): shown only to those who may read them. */
  sensitivePriorityGroups: PriorityGroup[];
  greenChannelFacts: GreenChannelReasonValue[];
}

/**
 * 晋江市 晋检发办字〔2023〕10号 第五条 (绿色通道): the groups helped first, as the household's record shows them on `on`.
 * 脱贫不稳定户、边缘易致贫户、突发严重困难户 (povertyMonitoringStatus) → RELAPSE_RISK; a veteran, martyr's family or other
 * entitled member (优抚对象) → VETERAN_OR_ENTITLED; a member under 18 → MINOR; a woman at the head of the household
 * (女性户主) → WOMAN_IN_HARDSHIP; a member with a disability certificate or category → DISABLED (a health fact:
 * derived only when the caller may read it, and shown only to those who may). Petitioners cannot be read from the
 * record: the caller ticks PETITIONER.
 */
export function priorityGroupsOf(household: HouseholdFacts, on: string) {
  const facts: GreenChannelReasonValue[] = [];
  const sensitive: PriorityGroup[] = [];
  const add = (group: PriorityGroup, fact: string) => {
    if (!facts.some((f) => f.group === group)) facts.push({ group, source: 'HOUSEHOLD_FACTS', fact });
  };
  if (household.povertyMonitoringStatus && household.povertyMonitoringStatus !== 'NONE') {
    add(PriorityGroup.RELAPSE_RISK, 'the household is under relapse-risk monitoring (防返贫监测)');
  }
  const members = household.members.nodes;
  if (members.some((m) => m.veteranStatus && m.veteranStatus !== 'NONE')) {
    add(PriorityGroup.VETERAN_OR_ENTITLED, 'a member is a veteran or entitled (优抚对象)');
  }
  if (members.some((m) => m.birthDate && ageOn(m.birthDate, on) < 18)) {
    add(PriorityGroup.MINOR, 'a member is under 18');
  }
  if (members.some((m) => m.relationshipToHead === 'SELF' && m.sex === 'FEMALE')) {
    add(PriorityGroup.WOMAN_IN_HARDSHIP, 'the head of the household is a woman');
  }
  if (members.some((m) => m.health && (m.health.hasDisabilityCertificate || m.health.disabilityCategory))) {
    add(PriorityGroup.DISABLED, 'a member is disabled');
    sensitive.push(PriorityGroup.DISABLED);
  }
  return {
    derivedPriorityGroups: facts.map((f) => f.group),
    sensitivePriorityGroups: sensitive,
    greenChannelFacts: facts,
  };
}

const UNKNOWN: FamilyFacts = {
  householdJurisdictionCode: null,
  residenceJurisdictionCode: null,
  hukouType: null,
  derivedPriorityGroups: [],
  sensitivePriorityGroups: [],
  greenChannelFacts: [],
};

/**
 * The family's places and facts, asked of households as the caller: NOT_FOUND when there is no such household.
 * A caller who may not read it (an agency app without households:read) still opens the case; the case is then
 * reached through its own jurisdiction only, and its facts are read again by the next caller who may.
 */
export async function familyFacts(ctx: Context, householdId: string, on: string): Promise<FamilyFacts> {
  const household = await householdFacts(ctx, householdId);
  if (!household) return UNKNOWN;
  const hukou = household.jurisdiction.code;
  const residence = household.residence.code;
  return {
    householdJurisdictionCode: hukou,
    residenceJurisdictionCode: residence === hukou ? null : residence,
    hukouType: household.hukouType ?? null,
    ...priorityGroupsOf(household, on),
  };
}

/** Where the family is registered and lives (see familyFacts). */
export async function familyPlaces(ctx: Context, householdId: string, on: string): Promise<FamilyPlaces> {
  const { householdJurisdictionCode, residenceJurisdictionCode } = await familyFacts(ctx, householdId, on);
  return { householdJurisdictionCode, residenceJurisdictionCode };
}
