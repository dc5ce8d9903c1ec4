import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { conflict, DateScalar, formatYuan, parseYuan, requirePermission } from '@doudi/shared';
import { Benefit } from './benefit.entity.js';
import { grantBenefit } from './benefit.service.js';
import { Programme } from '../programme/programme.entity.js';
import { getProgramme } from '../programme/programme.service.js';
import type { Context } from '../context.js';

@InputType()
export class GrantBenefitInput {
  @Field(() => ID)
  programmeId: string;

  @Field(() => ID)
  householdId: string;

  @Field(() => ID, { nullable: true, description: 'The member it is for; caps per person count it.' })
  personId?: string;

  @Field(() => String, { description: 'Yuan, e.g. "1500.00".' })
  amount: string;

  @Field(() => DateScalar)
  grantedOn: string;

  @Field(() => ID, { nullable: true })
  caseId?: string;

  @Field(() => String, { nullable: true })
  note?: string;

  @Field(() => String, { nullable: true })
  idempotencyKey?: string;
}

@ObjectType()
export class GrantBenefitPayload {
  @Field(() => Benefit)
  benefit: Benefit;
}

@InputType({ description: 'Caps in yuan; an empty string removes a cap, a field left out keeps it.' })
export class SetProgrammeCapsInput {
  @Field(() => ID)
  programmeId: string;

  @Field(() => Int)
  version: number;

  @Field(() => String, { nullable: true })
  perPersonPerYear?: string;

  @Field(() => String, { nullable: true })
  perHouseholdPerYear?: string;

  @Field(() => String, { nullable: true })
  perGrant?: string;
}

@ObjectType()
export class SetProgrammeCapsPayload {
  @Field(() => Programme)
  programme: Programme;
}

const yuanOrNull = (fen: number | null) => (fen === null ? null : formatYuan(fen));

@Resolver(() => Benefit)
export class BenefitResolver {
  @Mutation(() => GrantBenefitPayload, {
    description: 'Records relief within the programme’s caps (LIMIT_EXCEEDED says the room left).',
  })
  async grantBenefit(
    @Arg('input', () => GrantBenefitInput) input: GrantBenefitInput,
    @Ctx() { em, principal }: Context,
  ) {
    return { benefit: await grantBenefit(em, principal, input) };
  }

  @FieldResolver(() => String)
  amount(@Root() benefit: Benefit) {
    return formatYuan(benefit.amountFen);
  }

  @FieldResolver(() => Programme)
  programme(@Root() benefit: Benefit, @Ctx() { loaders }: Context) {
    return loaders.programme.load(benefit.programmeId);
  }
}

@Resolver(() => Programme)
export class ProgrammeCapsResolver {
  @Mutation(() => SetProgrammeCapsPayload)
  async setProgrammeCaps(
    @Arg('input', () => SetProgrammeCapsInput) input: SetProgrammeCapsInput,
    @Ctx() { em, principal }: Context,
  ) {
    const programme = await getProgramme(em, input.programmeId);
    requirePermission(principal, 'programmes:write', programme.jurisdictionCode);
    if (programme.version !== input.version) {
      throw conflict(`Programme ${programme.id} changed since you read it`, {
        field: 'input.version',
        currentVersion: programme.version,
      });
    }
    const cap = (field: string, value: string | undefined, current: number | null) =>
      value === undefined ? current : value === '' ? null : parseYuan(`input.${field}`, value);
    programme.capPerPersonYearFen = cap('perPersonPerYear', input.perPersonPerYear, programme.capPerPersonYearFen);
    programme.capPerHouseholdYearFen = cap(
      'perHouseholdPerYear',
      input.perHouseholdPerYear,
      programme.capPerHouseholdYearFen,
    );
    programme.capPerGrantFen = cap('perGrant', input.perGrant, programme.capPerGrantFen);
    await em.flush();
    return { programme };
  }

  @FieldResolver(() => String, { nullable: true, description: 'Cap per person and year, yuan.' })
  capPerPersonPerYear(@Root() programme: Programme) {
    return yuanOrNull(programme.capPerPersonYearFen);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Cap per household and year, yuan.' })
  capPerHouseholdPerYear(@Root() programme: Programme) {
    return yuanOrNull(programme.capPerHouseholdYearFen);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Cap per grant, yuan.' })
  capPerGrant(@Root() programme: Programme) {
    return yuanOrNull(programme.capPerGrantFen);
  }
}
