import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import {
  assertDate,
  DateScalar,
  jurisdictionRef,
  JurisdictionRef,
  PageArgs,
  pageWindow,
  requirePermission,
  shanghaiDate,
  toConnection,
} from '@doudi/shared';
import { Household, HouseholdConnection } from './household.entity.js';
import { assertReaches } from './household.access.js';
import { PersonConnection, isPresentOn } from '../person/person.entity.js';
import { CreateHouseholdInput, CreateHouseholdPayload, HouseholdListArgs } from './household.inputs.js';
import { createHousehold, getHousehold, listHouseholds } from './household.service.js';
import type { Context } from '../context.js';
import { memberPageKey } from './household.loaders.js';
import { HouseholdRemovalConnection, householdRemovals } from './household.removals.js';

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

  @Query(() => HouseholdRemovalConnection, {
    description:
      'The tombstones of the households sync (docs/sync.md): households that left your reach since `since` — the ' +
      'family moved its residence out of your jurisdiction and its hukou place is not in it — with when, so your ' +
      'copy can drop them. Households are never deleted or merged, so a move is the only way one leaves. Same ' +
      'paging and syncedUntil as households(filter: { updatedSince }).',
  })
  householdRemovals(
    @Args(() => PageArgs) args: PageArgs,
    @Arg('since', () => Date) since: Date,
    @Ctx() { em, principal }: Context,
  ) {
    return householdRemovals(em, principal, args, since);
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

  @FieldResolver(() => PersonConnection, {
    description:
      'The members, head first: those still in the household on `presentOn` (today if left out) — a member who died ' +
      'or left on that day or before is not one (recordMemberExit) — or, with `includeExited`, everyone ever registered.',
  })
  async members(
    @Root() household: Household,
    @Args(() => PageArgs) args: PageArgs,
    @Arg('presentOn', () => DateScalar, { nullable: true }) presentOn: string | null,
    @Arg('includeExited', () => Boolean, { defaultValue: false }) includeExited: boolean,
    @Ctx() { loaders }: Context,
  ) {
    const window = pageWindow(args);
    const day = includeExited ? null : presentOn ? assertDate('presentOn', presentOn) : shanghaiDate();
    const page = await loaders.memberPage.load(memberPageKey(household.id, window, day));
    return toConnection(page?.nodes ?? [], page?.totalCount ?? 0, window);
  }

  @FieldResolver(() => Int, {
    description:
      'The household’s size on a day (today if left out): its members not dead or gone by then (recordMemberExit).',
  })
  async memberCount(
    @Root() household: Household,
    @Arg('on', () => DateScalar, { nullable: true }) on: string | null,
    @Ctx() { loaders }: Context,
  ) {
    const day = on ? assertDate('on', on) : shanghaiDate();
    return (await loaders.membersByHousehold.load(household.id)).filter((p) => isPresentOn(p, day)).length;
  }
}
