import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requirePermission } from '@doudi/shared';
import { Organisation, OrganisationConnection } from './organisation.entity.js';
import { Jurisdiction } from '../jurisdiction/jurisdiction.entity.js';
import {
  CreateOrganisationInput,
  CreateOrganisationPayload,
  DeactivateOrganisationInput,
  OrganisationListArgs,
  UpdateOrganisationInput,
} from './organisation.inputs.js';
import {
  createOrganisation,
  deactivateOrganisation,
  getOrganisation,
  listOrganisations,
  updateOrganisation,
} from './organisation.service.js';
import type { Context } from '../context.js';

@Resolver(() => Organisation)
export class OrganisationResolver {
  @Query(() => Organisation, { description: 'One organisation; NOT_FOUND if there is none with this id.' })
  organisation(@Arg('id', () => ID) id: string, @Ctx() { em, principal }: Context) {
    requirePermission(principal, 'organisations:read');
    return getOrganisation(em, id);
  }

  @Query(() => OrganisationConnection)
  organisations(@Args(() => OrganisationListArgs) args: OrganisationListArgs, @Ctx() { em, principal }: Context) {
    requirePermission(principal, 'organisations:read');
    return listOrganisations(em, args);
  }

  @Mutation(() => CreateOrganisationPayload)
  async createOrganisation(
    @Arg('input', () => CreateOrganisationInput) input: CreateOrganisationInput,
    @Ctx() { em, principal }: Context,
  ) {
    return { organisation: await createOrganisation(em, principal, input) };
  }

  @Mutation(() => CreateOrganisationPayload, { description: 'Changes hotline, address, liaison or name.' })
  async updateOrganisation(
    @Arg('input', () => UpdateOrganisationInput) input: UpdateOrganisationInput,
    @Ctx() { em, principal }: Context,
  ) {
    return { organisation: await updateOrganisation(em, principal, input) };
  }

  @Mutation(() => CreateOrganisationPayload, {
    description: 'Keeps its history; blocks its staff and apps from signing in.',
  })
  async deactivateOrganisation(
    @Arg('input', () => DeactivateOrganisationInput) input: DeactivateOrganisationInput,
    @Ctx() { em, principal }: Context,
  ) {
    return { organisation: await deactivateOrganisation(em, principal, input.id, input.reason) };
  }

  @FieldResolver(() => Jurisdiction)
  jurisdiction(@Root() organisation: Organisation, @Ctx() { loaders }: Context) {
    return loaders.jurisdiction.load(organisation.jurisdictionCode);
  }
}
