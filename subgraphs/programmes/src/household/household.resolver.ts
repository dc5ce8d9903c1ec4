import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { requireSignedIn } from '@doudi/shared';
import { HouseholdRef, PersonRef } from './household.ref.js';
import { Benefit } from '../benefit/benefit.entity.js';
import { mayReadBenefit } from '../benefit/benefit.access.js';
import type { Context } from '../context.js';

@Resolver(() => HouseholdRef)
export class HouseholdBenefitsResolver {
  @FieldResolver(() => [Benefit], {
    description: 'Relief granted to the household or its members, latest first (if you may read it).',
  })
  async benefits(@Root() household: HouseholdRef, @Ctx() { loaders, principal }: Context) {
    requireSignedIn(principal);
    return (await loaders.benefitsByHousehold.load(household.id)).filter((b) => mayReadBenefit(principal, b));
  }
}

@Resolver(() => PersonRef)
export class PersonBenefitsResolver {
  @FieldResolver(() => [Benefit], { description: 'Relief granted to this person, latest first (if you may read it).' })
  async benefits(@Root() person: PersonRef, @Ctx() { loaders, principal }: Context) {
    requireSignedIn(principal);
    return (await loaders.benefitsByPerson.load(person.id)).filter((b) => mayReadBenefit(principal, b));
  }
}
