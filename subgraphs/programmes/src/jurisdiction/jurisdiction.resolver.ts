import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { chainOf, PageArgs, requirePermission, sliceToConnection } from '@doudi/shared';
import { JurisdictionRef } from './jurisdiction.ref.js';
import { ProgrammeConnection } from '../programme/programme.entity.js';
import type { Context } from '../context.js';

@Resolver(() => JurisdictionRef)
export class JurisdictionProgrammesResolver {
  @FieldResolver(() => ProgrammeConnection, {
    description:
      'Programmes that serve its residents: its own and those of the divisions above it (templates excluded).',
  })
  async programmes(
    @Root() jurisdiction: JurisdictionRef,
    @Args(() => PageArgs) args: PageArgs,
    @Ctx() { loaders, principal }: Context,
  ) {
    requirePermission(principal, 'programmes:read');
    const lists = await loaders.programmesByJurisdiction.loadMany(chainOf(jurisdiction.code));
    return sliceToConnection(
      lists.flatMap((l) => (l instanceof Error ? [] : l)),
      args,
    );
  }
}
