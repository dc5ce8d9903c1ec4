import { Arg, Ctx, FieldResolver, ID, Mutation, ObjectType, Field, Query, Resolver, Root } from 'type-graphql';
import { requirePermission } from '@doudi/shared';
import { Person } from './person.entity.js';
import { Household } from '../household/household.entity.js';
import { AddHouseholdMemberInput } from '../household/household.inputs.js';
import { addHouseholdMember, getPerson } from '../household/household.service.js';
import type { Context } from '../context.js';

@ObjectType()
export class AddHouseholdMemberPayload {
  @Field(() => Person)
  person: Person;
}

@Resolver(() => Person)
export class PersonResolver {
  @Query(() => Person, { description: 'One person; NOT_FOUND if there is none with this id.' })
  async person(@Arg('id', () => ID) id: string, @Ctx() { em, principal, loaders }: Context) {
    requirePermission(principal, 'households:read');
    const person = await getPerson(em, id);
    const household = await loaders.household.load(person.householdId);
    requirePermission(principal, 'households:read', household!.jurisdictionCode);
    return person;
  }

  @Mutation(() => AddHouseholdMemberPayload)
  async addHouseholdMember(
    @Arg('input', () => AddHouseholdMemberInput) input: AddHouseholdMemberInput,
    @Ctx() { em, principal }: Context,
  ) {
    return { person: await addHouseholdMember(em, principal, input) };
  }

  @FieldResolver(() => Household)
  async household(@Root() person: Person, @Ctx() { loaders }: Context) {
    return loaders.household.load(person.householdId);
  }
}
