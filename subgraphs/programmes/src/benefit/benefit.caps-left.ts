import { Ctx, Field, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import { formatYuan } from '@doudi/shared';
import { Benefit } from './benefit.entity.js';
import { capKey } from './benefit.loaders.js';
import type { Context } from '../context.js';

@ObjectType({
  description:
    'The room left in a benefit’s year under the yearly caps it followed (临社救办发〔2015〕3号 二(八)), in yuan: the cap less every grant of the programme not rejected, this one included; null where no such cap is set.',
})
export class BenefitCapsLeft {
  @Field(() => String, { nullable: true })
  perHouseholdPerYear: string | null;

  @Field(() => String, { nullable: true, description: 'Null also when the benefit is not for one person.' })
  perPersonPerYear: string | null;
}

/** What an approver weighs beside the amount: how much of the family's yearly cap is left (the console's approvals). */
@Resolver(() => Benefit)
export class BenefitCapsLeftResolver {
  @FieldResolver(() => BenefitCapsLeft, { nullable: true, description: 'Null when the programme sets no yearly cap.' })
  async capsLeft(@Root() benefit: Benefit, @Ctx() { loaders }: Context): Promise<BenefitCapsLeft | null> {
    const caps = benefit.settings.caps;
    const household = caps?.perHouseholdYearFen ?? null;
    const person = benefit.personId ? (caps?.perPersonYearFen ?? null) : null;
    if (household === null && person === null) return null;
    const left = async (cap: number | null, loader: typeof loaders.usedByPersonYear, holderId: string | null) =>
      cap === null || holderId === null
        ? null
        : formatYuan(cap - (await loader.load(capKey(benefit.programmeId, holderId, benefit.year))));
    return {
      perHouseholdPerYear: await left(household, loaders.usedByHouseholdYear, benefit.householdId),
      perPersonPerYear: await left(person, loaders.usedByPersonYear, benefit.personId),
    };
  }
}
