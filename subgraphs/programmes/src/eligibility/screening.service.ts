import { assertDate, chainOf, requirePermission, shanghaiDate } from '@doudi/shared';
import type { Programme } from '../programme/programme.entity.js';
import type { HouseholdRecord } from '../household/household-directory.js';
import { screenedRecord, type ScreenedHousehold } from './household-facts.js';
import { configurationOn, type EffectiveConfiguration } from '../version/configuration.js';
import { configurationSource } from '../version/configuration-source.js';
import { BenefitStatus } from '../benefit/benefit-status.js';
import {
  EligibilityOutcome,
  type EligibilityResult,
  type RuleExplanationResult,
  type RuleMatchCount,
} from './eligibility.types.js';
import { explainFor, explainInForce } from './screening.js';
import type { Facts } from './facts.js';
import { checkRule } from './rules.js';
import type { Context } from '../context.js';

export function screeningDate(on: string | null | undefined, field = 'on'): string {
  const date = on ?? shanghaiDate();
  assertDate(field, date);
  return date;
}

/**
 * The household as the rules see it — its facts, its local standards and what it already receives — built
 * once per household, through loaders, whatever the number of rules.
 */
async function factsOf(ctx: Context, household: ScreenedHousehold, date: string): Promise<Facts> {
  const { loaders } = ctx;
  const [standards, benefits] = await Promise.all([
    loaders.standards.load(`${household.jurisdictionCode}:${date.slice(0, 4)}`),
    loaders.benefitsByHousehold.load(household.id),
  ]);
  const active = benefits.filter((b) => b.status === BenefitStatus.ACTIVE);
  const kinds = await Promise.all(active.map(async (b) => (await loaders.programme.load(b.programmeId))?.kind));
  const receives = [...new Set(kinds.filter((k): k is Programme['kind'] => !!k))];
  return household.facts(standards, receives, date);
}

/**
 * Programmes in force where the household is registered (which decides) and where it lives (which
 * discovers, 河鱼府发【2021】39号 二(二)), from the village up to the province.
 */
async function programmesFor(ctx: Context, household: ScreenedHousehold): Promise<Programme[]> {
  const codes = [...new Set([...chainOf(household.jurisdictionCode), ...chainOf(household.residenceCode)])];
  return (await ctx.loaders.programmesByJurisdiction.loadMany(codes)).flatMap((r) => (r instanceof Error ? [] : r));
}

/**
 * A programme's configuration on a date, worked out once per request (keyed by its loaders) for every household
 * the request screens: a page of 50 households in one county asks the same few programmes 50 times (issue 16 item 2).
 */
const configurations = new WeakMap<object, Map<string, Promise<EffectiveConfiguration | null>>>();
function configurationFor(ctx: Context, programme: Programme, date: string): Promise<EffectiveConfiguration | null> {
  let known = configurations.get(ctx.loaders);
  if (!known) configurations.set(ctx.loaders, (known = new Map()));
  const key = `${programme.id}|${date}`;
  let found = known.get(key);
  if (!found) {
    found = configurationOn(configurationSource(ctx.loaders), programme, date);
    known.set(key, found);
  }
  return found;
}

/** For each programme in force where the household lives: eligible, not, or what is missing — and why. */
export async function screenHousehold(
  ctx: Context,
  household: ScreenedHousehold,
  date: string,
): Promise<EligibilityResult[]> {
  requirePermission(ctx.principal, 'programmes:read');
  const facts = await factsOf(ctx, household, date);
  // All programmes at once, so their templates and versions load in one batch per level.
  const results = await Promise.all(
    (await programmesFor(ctx, household)).map(async (programme): Promise<EligibilityResult | null> => {
      const config = await configurationFor(ctx, programme, date);
      if (!config) return null;
      const rule = config.settings.eligibilityRule ?? null;
      if (!rule) return { programme, outcome: EligibilityOutcome.NO_RULE, rule, clauses: [], missing: [] };
      const explanation = explainInForce(rule, facts);
      return {
        programme,
        outcome: explanation.outcome as EligibilityOutcome,
        rule,
        clauses: explanation.clauses as EligibilityResult['clauses'],
        missing: [...new Set(explanation.clauses.flatMap((c) => c.missing))],
      };
    }),
  );
  return results.filter((r): r is EligibilityResult => r !== null);
}

/** How many of the households the caller can see in a subtree a draft rule would cover. */
export async function ruleMatchCount(
  ctx: Context,
  rule: string,
  jurisdictionCode: string,
  date: string,
): Promise<RuleMatchCount> {
  requirePermission(ctx.principal, 'programmes:write', jurisdictionCode);
  const source = checkRule('rule', rule.trim());
  const counts: RuleMatchCount = { households: 0, eligible: 0, notEligible: 0, missingInformation: 0 };
  const tally = async (page: HouseholdRecord[]) => {
    // One batch of loader queries per page, not per household.
    for (const facts of await Promise.all(page.map((h) => factsOf(ctx, screenedRecord(h), date)))) {
      // Each evaluation is within the CEL budget, but a county holds thousands: give way to other requests
      // between households, and stop when the caller has given up (the gateway's timeout).
      await new Promise(setImmediate);
      ctx.signal?.throwIfAborted();
      const { outcome } = explainFor(source, facts);
      counts.households += 1;
      if (outcome === 'ELIGIBLE') counts.eligible += 1;
      else if (outcome === 'NOT_ELIGIBLE') counts.notEligible += 1;
      else counts.missingInformation += 1;
    }
  };
  let page: HouseholdRecord[] = [];
  for await (const household of ctx.services.households.householdsIn(jurisdictionCode, ctx.assertion, date)) {
    ctx.signal?.throwIfAborted();
    page.push(household);
    if (page.length === 100) {
      await tally(page);
      page = [];
    }
  }
  await tally(page);
  return counts;
}

/**
 * A draft rule explained on one household before it is published: the clause-by-clause answer that `screen`
 * gives for rules in force, so an administrator sees why a family they know would or would not qualify.
 */
export async function explainDraftRule(
  ctx: Context,
  household: HouseholdRecord,
  rule: string,
  date: string,
): Promise<RuleExplanationResult> {
  requirePermission(ctx.principal, 'programmes:read');
  const source = checkRule('rule', rule.trim());
  const explanation = explainFor(source, await factsOf(ctx, screenedRecord(household), date));
  return {
    outcome: explanation.outcome as EligibilityOutcome,
    clauses: explanation.clauses as RuleExplanationResult['clauses'],
    missing: [...new Set(explanation.clauses.flatMap((c) => c.missing))],
  };
}
