import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { JurisdictionRef, jurisdictionRef, PageArgs, requirePermission, sliceToConnection } from '@doudi/shared';
import { assertCanSeeCase, seesWholeCase, takesPartIn } from './case.access.js';
import { Case, CaseConnection } from './case.entity.js';
import { ReferralConnection } from '../referral/referral.entity.js';
import { HouseholdRef } from '../household/household.ref.js';
import { OrganisationRef, optionalOrganisation, organisationRef } from '../organisation/organisation.ref.js';
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

  @Mutation(() => OpenCasePayload, {
    description: 'Opens a case at its channel’s first stage, with the first task due as the jurisdiction counts it.',
  })
  async openCase(@Arg('input', () => OpenCaseInput) input: OpenCaseInput, @Ctx() ctx: Context) {
    return { case: await openCase(ctx, input) };
  }

  @FieldResolver(() => HouseholdRef)
  household(@Root() found: Case): HouseholdRef {
    return { id: found.householdId };
  }

  @FieldResolver(() => JurisdictionRef, { description: 'The jurisdiction responsible (its deadlines apply).' })
  jurisdiction(@Root() found: Case): JurisdictionRef {
    return jurisdictionRef(found.jurisdictionCode);
  }

  @FieldResolver(() => OrganisationRef)
  leadOrganisation(@Root() found: Case): OrganisationRef {
    return organisationRef(found.leadOrganisationId);
  }

  @FieldResolver(() => OrganisationRef, {
    nullable: true,
    description: 'Where the case began, e.g. the police unit that handled the death.',
  })
  originOrganisation(@Root() found: Case) {
    return optionalOrganisation(found.originOrganisationId);
  }

  @FieldResolver(() => OrganisationRef, { nullable: true, description: 'HOTLINE: whoever was asked first.' })
  firstQuestionOrganisation(@Root() found: Case) {
    return optionalOrganisation(found.firstQuestionOrganisationId);
  }

  @FieldResolver(() => OrganisationRef, { nullable: true, description: 'The intake window that transfers it.' })
  windowOrganisation(@Root() found: Case) {
    return optionalOrganisation(found.windowOrganisationId);
  }

  @FieldResolver(() => OrganisationRef, { nullable: true, description: 'The office a lead was assigned to.' })
  officeOrganisation(@Root() found: Case) {
    return optionalOrganisation(found.officeOrganisationId);
  }

  @FieldResolver(() => Boolean, { description: 'In the green channel (seed 001 第五条): any priority group.' })
  greenChannel(@Root() found: Case): boolean {
    return found.priorityGroups.length > 0;
  }

  @FieldResolver(() => ReferralConnection, {
    description:
      'Referrals made for this case, oldest first. An organisation taking part only through a referral sees its own.',
  })
  async referrals(@Root() found: Case, @Args(() => PageArgs) args: PageArgs, @Ctx() { loaders, principal }: Context) {
    const all = await loaders.referralsByCase.load(found.id);
    const shown = seesWholeCase(principal, found) ? all : all.filter((r) => takesPartIn(principal, r));
    return sliceToConnection(shown, args);
  }
}
