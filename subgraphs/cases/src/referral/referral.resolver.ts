import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { OrganisationRef, organisationRef, requirePermission } from '@doudi/shared';
import { assertCanSeeCase } from '../case/case.access.js';
import { Referral, ReferralConnection } from './referral.entity.js';
import { Case } from '../case/case.entity.js';
import { CreateReferralInput, CreateReferralPayload, ReferralListArgs } from './referral.inputs.js';
import { createReferral, getReferral, listReferrals } from './referral.service.js';
import type { Context } from '../context.js';

@Resolver(() => Referral)
export class ReferralResolver {
  @Query(() => Referral, { description: 'One referral; NOT_FOUND if there is none with this id.' })
  async referral(@Arg('id', () => ID) id: string, @Ctx() { em, principal, loaders }: Context) {
    requirePermission(principal, 'cases:read');
    const referral = await getReferral(em, id);
    await assertCanSeeCase(principal, (await loaders.case.load(referral.caseId))!, loaders);
    return referral;
  }

  @Query(() => ReferralConnection)
  referrals(@Args(() => ReferralListArgs) args: ReferralListArgs, @Ctx() { em, principal }: Context) {
    return listReferrals(em, principal, args);
  }

  @Mutation(() => CreateReferralPayload, { description: 'Refers an open case from one organisation to another.' })
  async createReferral(
    @Arg('input', () => CreateReferralInput) input: CreateReferralInput,
    @Ctx() { em, principal, loaders }: Context,
  ) {
    return { referral: await createReferral(em, principal, loaders, input) };
  }

  @FieldResolver(() => Case)
  case(@Root() referral: Referral, @Ctx() { loaders }: Context) {
    return loaders.case.load(referral.caseId);
  }

  @FieldResolver(() => OrganisationRef)
  fromOrganisation(@Root() referral: Referral): OrganisationRef {
    return organisationRef(referral.fromOrganisationId);
  }

  @FieldResolver(() => OrganisationRef)
  toOrganisation(@Root() referral: Referral): OrganisationRef {
    return organisationRef(referral.toOrganisationId);
  }
}
