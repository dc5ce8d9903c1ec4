import { Arg, Ctx, Field, FieldResolver, ID, InputType, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { optionalText, requiredPlainText } from '@doudi/shared';
import { TEXT_LIMITS } from '../household/household.limits.js';
import { SupportDuty, SupportObligor } from './obligor.entity.js';
import { Household } from '../household/household.entity.js';
import { assertReaches } from '../household/household.access.js';
import { getHousehold } from '../household/household.service.js';
import type { Context } from '../context.js';

@InputType()
export class AddSupportObligorInput {
  @Field(() => ID)
  householdId: string;

  @Field(() => String)
  name: string;

  @Field(() => String)
  relationship: string;

  @Field(() => SupportDuty)
  duty: SupportDuty;

  @Field(() => Boolean)
  ableToSupport: boolean;

  @Field(() => String, { nullable: true })
  note?: string;
}

@ObjectType()
export class AddSupportObligorPayload {
  @Field(() => SupportObligor)
  obligor: SupportObligor;
}

@Resolver(() => Household)
export class SupportObligorResolver {
  @Mutation(() => AddSupportObligorPayload, { description: 'Records a support obligor living outside the household.' })
  async addSupportObligor(
    @Arg('input', () => AddSupportObligorInput) input: AddSupportObligorInput,
    @Ctx() { em, principal }: Context,
  ) {
    const household = await getHousehold(em, input.householdId);
    assertReaches(principal, 'households:write', household);
    const obligor = Object.assign(new SupportObligor(), {
      householdId: household.id,
      name: requiredPlainText('input.name', input.name, TEXT_LIMITS.name, 'A name'),
      relationship: requiredPlainText(
        'input.relationship',
        input.relationship,
        TEXT_LIMITS.relationship,
        'A relationship',
      ),
      duty: input.duty,
      ableToSupport: input.ableToSupport,
      note: optionalText('input.note', input.note, TEXT_LIMITS.note, 'A note', true),
    });
    await em.persist(obligor).flush();
    return { obligor };
  }

  @FieldResolver(() => [SupportObligor], {
    description: 'Support obligors outside the household (赡养/抚养/扶养义务人).',
  })
  obligors(@Root() household: Household, @Ctx() { loaders }: Context) {
    return loaders.obligorsByHousehold.load(household.id);
  }
}
