import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { PageArgs, requirePermission, sliceToConnection } from '@doudi/shared';
import { OrganisationRef } from './organisation.ref.js';
import { ProgrammeConnection } from '../programme/programme.entity.js';
import type { Context } from '../context.js';

@Resolver(() => OrganisationRef)
export class OrganisationProgrammesResolver {
  @FieldResolver(() => ProgrammeConnection, { description: 'The programmes this organisation is responsible for.' })
  async programmes(
    @Root() organisation: OrganisationRef,
    @Args(() => PageArgs) args: PageArgs,
    @Ctx() { loaders, principal }: Context,
  ) {
    requirePermission(principal, 'programmes:read');
    return sliceToConnection(await loaders.programmesByOrganisation.load(organisation.id), args);
  }
}
