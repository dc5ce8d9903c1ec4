import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requirePermission } from '@doudi/shared';
import { JurisdictionRef } from '../jurisdiction/jurisdiction.ref.js';
import { OrganisationRef } from '../organisation/organisation.ref.js';
import { Programme, ProgrammeConnection } from './programme.entity.js';
import { CreateProgrammeInput, CreateProgrammePayload, ProgrammeListArgs } from './programme.inputs.js';
import { createProgramme, getProgramme, listProgrammes } from './programme.service.js';
import type { Context } from '../context.js';

@Resolver(() => Programme)
export class ProgrammeResolver {
  @Query(() => Programme, { description: 'One programme; NOT_FOUND if there is none with this id.' })
  programme(@Arg('id', () => ID) id: string, @Ctx() { em, principal }: Context) {
    // Programme configuration is public policy, readable across jurisdictions.
    requirePermission(principal, 'programmes:read');
    return getProgramme(em, id);
  }

  @Query(() => ProgrammeConnection)
  programmes(@Args(() => ProgrammeListArgs) args: ProgrammeListArgs, @Ctx() { em, principal }: Context) {
    requirePermission(principal, 'programmes:read');
    return listProgrammes(em, args);
  }

  @Mutation(() => CreateProgrammePayload)
  async createProgramme(
    @Arg('input', () => CreateProgrammeInput) input: CreateProgrammeInput,
    @Ctx() { em, principal }: Context,
  ) {
    return { programme: await createProgramme(em, principal, input) };
  }

  @FieldResolver(() => JurisdictionRef)
  jurisdiction(@Root() programme: Programme): JurisdictionRef {
    return { code: programme.jurisdictionCode };
  }

  @FieldResolver(() => OrganisationRef, { description: 'The organisation responsible for the programme.' })
  organisation(@Root() programme: Programme): OrganisationRef {
    return { id: programme.organisationId };
  }
}
