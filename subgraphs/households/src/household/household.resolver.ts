import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { jurisdictionRef, JurisdictionRef, PageArgs, sliceToConnection } from '@doudi/shared';
import { Household, HouseholdConnection } from './household.entity.js';
import { PersonConnection } from '../person/person.entity.js';
import { CreateHouseholdInput, CreateHouseholdPayload, HouseholdListArgs } from './household.inputs.js';
import { createHousehold, getHousehold, listHouseholds } from './household.service.js';
import type { Context } from '../context.js';

@Resolver(() => Household)
export class HouseholdResolver {
  @Query(() => Household, { description: 'One household; NOT_FOUND if there is none with this id.' })
  household(@Arg('id', () => ID) id: string, @Ctx() { em }: Context) {
    return getHousehold(em, id);
  }

  @Query(() => HouseholdConnection)
  households(@Args(() => HouseholdListArgs) args: HouseholdListArgs, @Ctx() { em }: Context) {
    return listHouseholds(em, args);
  }

  @Mutation(() => CreateHouseholdPayload, { description: 'Registers a household with its members.' })
  async createHousehold(@Arg('input', () => CreateHouseholdInput) input: CreateHouseholdInput, @Ctx() { em }: Context) {
    return { household: await createHousehold(em, input) };
  }

  @FieldResolver(() => JurisdictionRef, { description: 'Where the household lives.' })
  jurisdiction(@Root() household: Household): JurisdictionRef {
    return jurisdictionRef(household.jurisdictionCode);
  }

  @FieldResolver(() => PersonConnection, { description: 'The members, head first.' })
  async members(@Root() household: Household, @Args(() => PageArgs) args: PageArgs, @Ctx() { loaders }: Context) {
    return sliceToConnection(await loaders.membersByHousehold.load(household.id), args);
  }
}
