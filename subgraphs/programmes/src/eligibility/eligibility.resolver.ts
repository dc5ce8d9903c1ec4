import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { DateScalar, notFound, requirePermission } from '@doudi/shared';
import { HouseholdRef } from '../household/household.ref.js';
import { EligibilityFact, EligibilityResult, RuleExplanationResult, RuleMatchCount } from './eligibility.types.js';
import { explainDraftRule, ruleMatchCount, screenHousehold, screeningDate } from './screening.service.js';
import { FACT_DECLARATIONS } from './facts.js';
import { screenedRecord } from './household-facts.js';
import { screenedHouseholdLoader } from './screened-household.loader.js';
import type { Context } from '../context.js';

@Resolver()
export class EligibilityResolver {
  @Query(() => [EligibilityResult], {
    description:
      'For each programme in force where the household is registered or lives: eligible, not eligible or missing information, with every condition’s result.',
  })
  async screen(
    @Arg('householdId', () => ID) householdId: string,
    @Arg('on', () => DateScalar, { nullable: true }) on: string | undefined,
    @Ctx() ctx: Context,
  ) {
    const date = screeningDate(on);
    const household = await ctx.services.households.household(householdId, ctx.assertion, date);
    return screenHousehold(ctx, screenedRecord(household), date);
  }

  @Query(() => RuleMatchCount, {
    description: 'How many households (of those you can see) in a jurisdiction a draft rule would cover.',
  })
  ruleMatchCount(
    @Arg('rule', () => String) rule: string,
    @Arg('jurisdictionCode', () => ID) jurisdictionCode: string,
    @Arg('on', () => DateScalar, { nullable: true }) on: string | undefined,
    @Ctx() ctx: Context,
  ) {
    return ruleMatchCount(ctx, rule, jurisdictionCode, screeningDate(on));
  }

  @Query(() => RuleExplanationResult, {
    description:
      'A draft rule explained on one household (before publishing it): the outcome and every condition’s result, as screen gives for rules in force.',
  })
  async explainRule(
    @Arg('rule', () => String) rule: string,
    @Arg('householdId', () => ID) householdId: string,
    @Arg('on', () => DateScalar, { nullable: true }) on: string | undefined,
    @Ctx() ctx: Context,
  ) {
    const date = screeningDate(on);
    const household = await ctx.services.households.household(householdId, ctx.assertion, date);
    return explainDraftRule(ctx, household, rule, date);
  }

  @Query(() => [EligibilityFact], {
    description: 'The facts an eligibility rule or benefit formula may read, for editors that complete them.',
  })
  eligibilityFacts(@Ctx() ctx: Context) {
    requirePermission(ctx.principal, 'programmes:read');
    return FACT_DECLARATIONS.map((fact) => ({ ...fact, whenNull: fact.whenNull ?? null }));
  }
}

@Resolver(() => HouseholdRef)
export class HouseholdEligibilityResolver {
  @FieldResolver(() => [EligibilityResult], { description: 'screen(household) as a field of the household.' })
  async eligibility(
    @Root() ref: HouseholdRef,
    @Arg('on', () => DateScalar, { nullable: true }) on: string | undefined,
    @Ctx() ctx: Context,
  ) {
    const date = screeningDate(on);
    const household = await screenedHouseholdLoader(ctx).load({ id: ref.id, date });
    if (!household) throw notFound('Household', ref.id);
    return screenHousehold(ctx, household, date);
  }
}
