import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { OrganisationRef, organisationRef } from '@doudi/shared';
import { Referral, ReferralConnection } from './referral.entity.js';
import { Case } from '../case/case.entity.js';
import { CreateReferralInput, CreateReferralPayload, ReferralListArgs } from './referral.inputs.js';
import { createReferral, getReferral, listReferrals } from './referral.service.js';
import type { Context } from '../context.js';

@Resolver(() => Referral)
export class ReferralResolver {
  @Query(() => Referral, { description: 'One referral; NOT_FOUND if there is none with this id.' })
  referral(@Arg('id', () => ID) id: string, @Ctx() { em }: Context) {
    return getReferral(em, id);
  }

  @Query(() => ReferralConnection)
  referrals(@Args(() => ReferralListArgs) args: ReferralListArgs, @Ctx() { em }: Context) {
    return listReferrals(em, args);
  }

  @Mutation(() => CreateReferralPayload, { description: 'Refers an open case from one organisation to another.' })
  async createReferral(@Arg('input', () => CreateReferralInput) input: CreateReferralInput, @Ctx() { em }: Context) {
    return { referral: await createReferral(em, input) };
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
