import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { forbidden, requirePermission } from '@doudi/shared';
import { canSeeReferral, readsSensitive } from '../case/case.access.js';
import { Referral, ReferralConnection } from './referral.entity.js';
import { OPEN_REFERRAL_STATUSES } from './referral.enums.js';
import { BenefitRef } from './benefit.ref.js';
import { Case } from '../case/case.entity.js';
import { OrganisationRef, organisationRef } from '../organisation/organisation.ref.js';
import { CreateReferralInput, CreateReferralPayload, ReferralListArgs } from './referral.inputs.js';
import { createReferral, getReferral, listReferrals } from './referral.service.js';
import { isAtRisk, isOverdue } from '../deadline/deadline.service.js';
import type { Context } from '../context.js';

const isOpen = (referral: Referral) => OPEN_REFERRAL_STATUSES.includes(referral.status);

@Resolver(() => Referral)
export class ReferralResolver {
  @Query(() => Referral, { description: 'One referral; NOT_FOUND if there is none with this id.' })
  async referral(@Arg('id', () => ID) id: string, @Ctx() { em, principal, loaders }: Context) {
    requirePermission(principal, 'cases:read');
    const referral = await getReferral(em, id);
    if (!(await canSeeReferral(principal, referral, loaders))) {
      throw forbidden('Your organisation takes no part in this referral');
    }
    return referral;
  }

  @Query(() => ReferralConnection)
  referrals(@Args(() => ReferralListArgs) args: ReferralListArgs, @Ctx() { em, principal }: Context) {
    return listReferrals(em, principal, args);
  }

  @Mutation(() => CreateReferralPayload, {
    description: 'Refers an open case from one organisation to another, due as the case’s jurisdiction counts it.',
  })
  async createReferral(@Arg('input', () => CreateReferralInput) input: CreateReferralInput, @Ctx() ctx: Context) {
    return { referral: await createReferral(ctx, input) };
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

  @FieldResolver(() => Referral, { nullable: true, description: 'The referral this one was passed on as.' })
  forwardedTo(@Root() referral: Referral, @Ctx() { loaders }: Context) {
    return referral.forwardedToId ? loaders.referral.load(referral.forwardedToId) : null;
  }

  @FieldResolver(() => Referral, { nullable: true, description: 'The referral the sender passed on as this one.' })
  forwardedFrom(@Root() referral: Referral, @Ctx() { loaders }: Context) {
    return referral.forwardedFromId ? loaders.referral.load(referral.forwardedFromId) : null;
  }

  // Items may be null: programmes shows a benefit only to those who propose or decide relief for the
  // household's place, so an agency that sent the referral learns of it through measuresTaken and relief.
  @FieldResolver(() => [BenefitRef], {
    nullable: 'items',
    description: 'Relief granted in answer (programmes’ benefits); null where you may not read the benefit.',
  })
  benefits(@Root() referral: Referral): BenefitRef[] {
    return referral.benefitIds.map((id) => ({ id }));
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'Null unless you belong to the receiver or may read sensitive facts in the case’s jurisdiction (docs/architecture.md, Security model).',
  })
  async confidentialNote(@Root() referral: Referral, @Ctx() { loaders, principal }: Context) {
    if (referral.confidentialNote === null) return null;
    if (principal.organisationId === referral.toOrganisationId) return referral.confidentialNote;
    const found = await loaders.case.load(referral.caseId);
    return found && readsSensitive(principal, found) ? referral.confidentialNote : null;
  }

  @FieldResolver(() => Boolean, { description: 'Still waiting for the receiver and due before today.' })
  overdue(@Root() referral: Referral): boolean {
    return isOverdue(referral.dueDate, isOpen(referral));
  }

  @FieldResolver(() => Boolean, {
    description: 'Still waiting, not overdue, and due by the next working day of the case’s jurisdiction.',
  })
  async atRisk(@Root() referral: Referral, @Ctx() ctx: Context): Promise<boolean> {
    if (!isOpen(referral) || referral.dueDate === null) return false;
    const found = await ctx.loaders.case.load(referral.caseId);
    return found ? isAtRisk(ctx, found.jurisdictionCode, referral.dueDate, true) : false;
  }
}
