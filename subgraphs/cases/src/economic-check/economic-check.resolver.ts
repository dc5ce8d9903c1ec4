import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { EconomicCheck } from './economic-check.entity.js';
import {
  EconomicCheckPayload,
  RecordEconomicCheckResultInput,
  RequestEconomicCheckInput,
} from './economic-check.inputs.js';
import { recordEconomicCheckResult, requestEconomicCheck, visibleCheck } from './economic-check.service.js';
import { Case } from '../case/case.entity.js';
import { canSeeCase } from '../case/case.access.js';
import { OrganisationRef, organisationRef } from '../organisation/organisation.ref.js';
import type { Context } from '../context.js';

/** The check, and its case when the caller sees it (the checking organisation may see only its check). */
async function payload(ctx: Context, economicCheck: EconomicCheck) {
  // After the step, read afresh: the request's loader may hold the case as it was before it.
  const found = await ctx.em.fork().findOne(Case, { id: economicCheck.caseId });
  return { economicCheck, case: await seenOrNull(ctx, found) };
}

async function seenOrNull(ctx: Context, found: Case | null): Promise<Case | null> {
  return found && (await canSeeCase(ctx.principal, found, ctx.loaders)) ? found : null;
}

@Resolver(() => Case)
export class CaseEconomicChecksResolver {
  @FieldResolver(() => [EconomicCheck], {
    description:
      'Household economic checks asked for this application (家庭经济状况核对, 临社救办发〔2015〕3号 二(一)).',
  })
  economicChecks(@Root() found: Case, @Ctx() { loaders }: Context) {
    return loaders.economicChecksByCase.load(found.id);
  }
}

@Resolver(() => EconomicCheck)
export class EconomicCheckResolver {
  @Query(() => EconomicCheck, {
    description: 'One economic check: for the checking organisation and those who see its case; NOT_FOUND otherwise.',
  })
  economicCheck(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return visibleCheck(ctx, id);
  }

  @Mutation(() => EconomicCheckPayload, {
    description:
      'Asks the checking organisation for the household’s income and assets (家庭经济状况核对, 临社救办发〔2015〕3号 二(一)、三(三)) ' +
      'for a dibao or tekun application: INVALID_STATE without the family’s DATA_SHARING consent on record or while ' +
      'another check is open; due within the county’s ECONOMIC_CHECK time limit, in the checking organisation’s inbox.',
  })
  async requestEconomicCheck(
    @Arg('input', () => RequestEconomicCheckInput) input: RequestEconomicCheckInput,
    @Ctx() ctx: Context,
  ) {
    return payload(ctx, await requestEconomicCheck(ctx, input));
  }

  @Mutation(() => EconomicCheckPayload, {
    description:
      'The checking organisation’s answer: the income and assets found are written into the household’s facts with ' +
      'the check as source and its date (history kept), and the household is screened again on them.',
  })
  async recordEconomicCheckResult(
    @Arg('input', () => RecordEconomicCheckResultInput) input: RecordEconomicCheckResultInput,
    @Ctx() ctx: Context,
  ) {
    return payload(ctx, await recordEconomicCheckResult(ctx, input));
  }

  @FieldResolver(() => OrganisationRef)
  checkingOrganisation(@Root() check: EconomicCheck): OrganisationRef {
    return organisationRef(check.checkingOrganisationId);
  }

  @FieldResolver(() => Case, { nullable: true, description: 'The application; null when you do not see the case.' })
  async case(@Root() check: EconomicCheck, @Ctx() ctx: Context) {
    return seenOrNull(ctx, await ctx.loaders.case.load(check.caseId));
  }
}
