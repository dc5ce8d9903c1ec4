import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { jurisdictionRef, JurisdictionRef, PageArgs, pageWindow, requirePermission, toConnection } from '@doudi/shared';
import { Household, HouseholdConnection } from './household.entity.js';
import { assertReaches } from './household.access.js';
import { PersonConnection } from '../person/person.entity.js';
import { CreateHouseholdInput, CreateHouseholdPayload, HouseholdListArgs } from './household.inputs.js';
import { createHousehold, getHousehold, listHouseholds } from './household.service.js';
import type { Context } from '../context.js';
import { memberPageKey } from './household.loaders.js';

@Resolver(() => Household)
export class HouseholdResolver {
  @Query(() => Household, {
    description: 'One household in your jurisdiction; NOT_FOUND if there is none with this id.',
  })
  async household(@Arg('id', () => ID) id: string, @Ctx() { em, principal }: Context) {
    requirePermission(principal, 'households:read');
    const household = await getHousehold(em, id);
    assertReaches(principal, 'households:read', household);
    return household;
  }

  @Query(() => HouseholdConnection, { description: 'Households in your jurisdiction.' })
  households(@Args(() => HouseholdListArgs) args: HouseholdListArgs, @Ctx() { em, principal }: Context) {
    return listHouseholds(em, principal, args);
  }

  @Mutation(() => CreateHouseholdPayload, { description: 'Registers a household with its members.' })
  async createHousehold(
    @Arg('input', () => CreateHouseholdInput) input: CreateHouseholdInput,
    @Ctx() { em, principal, services }: Context,
  ) {
    return { household: await createHousehold(em, principal, services.vault, input) };
  }

  @FieldResolver(() => JurisdictionRef, { description: 'The hukou place (户籍地), which decides on relief.' })
  jurisdiction(@Root() household: Household): JurisdictionRef {
    return jurisdictionRef(household.jurisdictionCode);
  }

  @FieldResolver(() => JurisdictionRef, { description: 'Where the family lives: its hukou place unless it has moved.' })
  residence(@Root() household: Household): JurisdictionRef {
    return jurisdictionRef(household.residenceJurisdictionCode ?? household.jurisdictionCode);
  }

  @FieldResolver(() => String, { nullable: true })
  async address(@Root() household: Household, @Ctx() { loaders }: Context): Promise<string | null> {
    return (await loaders.householdAddress.load(household.id))?.address ?? null;
  }

  @FieldResolver(() => PersonConnection, { description: 'The members, head first.' })
  async members(@Root() household: Household, @Args(() => PageArgs) args: PageArgs, @Ctx() { loaders }: Context) {
    const window = pageWindow(args);
    const page = await loaders.memberPage.load(memberPageKey(household.id, window));
    return toConnection(page?.nodes ?? [], page?.totalCount ?? 0, window);
  }
}
