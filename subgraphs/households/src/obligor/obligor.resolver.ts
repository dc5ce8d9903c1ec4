import { Arg, Ctx, Field, FieldResolver, ID, InputType, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { assertId, createOnce, optionalText, requiredPlainText } from '@doudi/shared';
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

  @Field(() => String, {
    nullable: true,
    description: 'Send the same key when retrying: the obligor is recorded once and the retry answers it.',
  })
  idempotencyKey?: string | null;
}

@ObjectType()
export class AddSupportObligorPayload {
  @Field(() => SupportObligor)
  obligor: SupportObligor;
}

@Resolver(() => Household)
export class SupportObligorResolver {
  @Mutation(() => AddSupportObligorPayload, {
    description: 'Records a support obligor living outside the household; once per idempotencyKey.',
  })
  async addSupportObligor(
    @Arg('input', () => AddSupportObligorInput) input: AddSupportObligorInput,
    @Ctx() { em, principal }: Context,
  ) {
    const fields = {
      householdId: assertId('input.householdId', input.householdId),
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
    };
    const obligor = await createOnce(
      em,
      'addSupportObligor',
      input.idempotencyKey,
      fields,
      async (tx) => {
        const household = await getHousehold(tx, fields.householdId);
        assertReaches(principal, 'households:write', household);
        const created = Object.assign(new SupportObligor(), fields);
        tx.persist(created);
        return created;
      },
      async (fresh, id) => {
        const found = await fresh.findOneOrFail(SupportObligor, { id });
        // A retry answers only one who still reaches the household.
        assertReaches(principal, 'households:write', await getHousehold(fresh, found.householdId));
        return found;
      },
    );
    return { obligor };
  }

  @FieldResolver(() => [SupportObligor], {
    description: 'Support obligors outside the household (赡养/抚养/扶养义务人).',
  })
  obligors(@Root() household: Household, @Ctx() { loaders }: Context) {
    return loaders.obligorsByHousehold.load(household.id);
  }
}
