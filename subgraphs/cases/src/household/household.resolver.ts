import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { PageArgs, sliceToConnection } from '@doudi/shared';
import { HouseholdRef } from './household.ref.js';
import { CaseConnection } from '../case/case.entity.js';
import type { Context } from '../context.js';

@Resolver(() => HouseholdRef)
export class HouseholdCasesResolver {
  @FieldResolver(() => CaseConnection, { description: 'The cases opened for this household, newest first.' })
  async cases(@Root() household: HouseholdRef, @Args(() => PageArgs) args: PageArgs, @Ctx() { loaders }: Context) {
    return sliceToConnection(await loaders.casesByHousehold.load(household.id), args);
  }
}
