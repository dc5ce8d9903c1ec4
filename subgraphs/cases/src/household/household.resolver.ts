import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { PageArgs, requirePermission, sliceToConnection } from '@doudi/shared';
import { canSeeCase } from '../case/case.access.js';
import { HouseholdRef } from './household.ref.js';
import { CaseConnection } from '../case/case.entity.js';
import type { Context } from '../context.js';

@Resolver(() => HouseholdRef)
export class HouseholdCasesResolver {
  @FieldResolver(() => CaseConnection, {
    description: 'The cases of this household that you may see (see Query.case), newest first.',
  })
  async cases(
    @Root() household: HouseholdRef,
    @Args(() => PageArgs) args: PageArgs,
    @Ctx() { loaders, principal }: Context,
  ) {
    requirePermission(principal, 'cases:read');
    const all = await loaders.casesByHousehold.load(household.id);
    const visible = await Promise.all(all.map((found) => canSeeCase(principal, found, loaders)));
    return sliceToConnection(
      all.filter((_, i) => visible[i]),
      args,
    );
  }
}
