import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { OrganisationRef, organisationRef, PageArgs, requirePermission, sliceToConnection } from '@doudi/shared';
import { assertCanSeeCase } from './case.access.js';
import { Case, CaseConnection } from './case.entity.js';
import { ReferralConnection } from '../referral/referral.entity.js';
import { HouseholdRef } from '../household/household.ref.js';
import { CaseListArgs, OpenCaseInput, OpenCasePayload } from './case.inputs.js';
import { getCase, listCases, openCase } from './case.service.js';
import type { Context } from '../context.js';

@Resolver(() => Case)
export class CaseResolver {
  @Query(() => Case, { description: 'One case; NOT_FOUND if there is none with this id.' })
  async case(@Arg('id', () => ID) id: string, @Ctx() { em, principal, loaders }: Context) {
    requirePermission(principal, 'cases:read');
    const found = await getCase(em, id);
    await assertCanSeeCase(principal, found, loaders);
    return found;
  }

  @Query(() => CaseConnection, { description: 'Cases, newest first.' })
  cases(@Args(() => CaseListArgs) args: CaseListArgs, @Ctx() { em, principal }: Context) {
    return listCases(em, principal, args);
  }

  @Mutation(() => OpenCasePayload)
  async openCase(@Arg('input', () => OpenCaseInput) input: OpenCaseInput, @Ctx() { em, principal }: Context) {
    return { case: await openCase(em, principal, input) };
  }

  @FieldResolver(() => HouseholdRef)
  household(@Root() found: Case): HouseholdRef {
    return { id: found.householdId };
  }

  @FieldResolver(() => OrganisationRef)
  leadOrganisation(@Root() found: Case): OrganisationRef {
    return organisationRef(found.leadOrganisationId);
  }

  @FieldResolver(() => ReferralConnection, { description: 'Referrals made for this case, oldest first.' })
  async referrals(@Root() found: Case, @Args(() => PageArgs) args: PageArgs, @Ctx() { loaders }: Context) {
    return sliceToConnection(await loaders.referralsByCase.load(found.id), args);
  }
}
