import {
  Arg,
  Args,
  ArgsType,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { formatYuan, requirePermission } from '@doudi/shared';
import { JurisdictionRef } from '../jurisdiction/jurisdiction.ref.js';
import { LocalStandard } from './local-standard.entity.js';
import { publishedStandards, setLocalStandard, standardsFor } from './standard.service.js';
import type { Context } from '../context.js';

@ObjectType('LocalStandard', {
  description: 'The standards a jurisdiction published for a year (amounts in yuan, per person and month).',
})
export class LocalStandardType {
  @Field(() => ID)
  id: string;

  @Field(() => Int)
  year: number;

  @Field(() => Int)
  version: number;

  @Field(() => String, { nullable: true, description: 'Where the figures were published.' })
  publishedIn: string | null;
}

@InputType()
export class SetLocalStandardInput {
  @Field(() => ID)
  jurisdictionCode: string;

  @Field(() => Int)
  year: number;

  @Field(() => String, { description: '城市低保标准, yuan per person and month, e.g. "680.00".' })
  dibaoUrbanMonthly: string;

  @Field(() => String, { description: '农村低保标准, yuan per person and month.' })
  dibaoRuralMonthly: string;

  @Field(() => String, { nullable: true, description: '特困人员基本生活标准, yuan per person and month.' })
  tekunMonthly?: string;

  @Field(() => String, {
    nullable: true,
    description: 'Low income lies below this multiple of the dibao line (default 1.5, 河鱼府发【2021】39号 一).',
  })
  lowIncomeMultiplier?: string;

  @Field(() => String, { nullable: true })
  publishedIn?: string;

  @Field(() => Int, { nullable: true, description: 'The version read, to correct standards already published.' })
  version?: number;
}

@ObjectType()
export class SetLocalStandardPayload {
  @Field(() => LocalStandardType)
  standard: LocalStandard;
}

@ArgsType()
class LocalStandardArgs {
  @Field(() => ID)
  jurisdictionCode: string;

  @Field(() => Int)
  year: number;
}

@Resolver(() => LocalStandardType)
export class LocalStandardResolver {
  @Query(() => LocalStandardType, {
    nullable: true,
    description:
      'The standards in force for a jurisdiction and year: its own, or those of the nearest jurisdiction above it.',
  })
  localStandard(
    @Args(() => LocalStandardArgs) { jurisdictionCode, year }: LocalStandardArgs,
    @Ctx() { em, principal }: Context,
  ) {
    requirePermission(principal, 'programmes:read');
    return standardsFor(em, jurisdictionCode, year);
  }

  @Query(() => [LocalStandardType], {
    description:
      'Every set of standards published for the year by the jurisdiction, those above it and those below it, by ' +
      'division code: each household is placed against the nearest one above it (河鱼府发【2021】39号 一).',
  })
  publishedStandards(
    @Args(() => LocalStandardArgs) { jurisdictionCode, year }: LocalStandardArgs,
    @Ctx() { em, principal }: Context,
  ) {
    requirePermission(principal, 'programmes:read');
    return publishedStandards(em, jurisdictionCode, year);
  }

  @Mutation(() => SetLocalStandardPayload, {
    description: 'Publishes a jurisdiction’s dibao, tekun and low-income standards for a year.',
  })
  async setLocalStandard(
    @Arg('input', () => SetLocalStandardInput) input: SetLocalStandardInput,
    @Ctx() { em, principal }: Context,
  ) {
    return { standard: await setLocalStandard(em, principal, input) };
  }

  @FieldResolver(() => JurisdictionRef, { description: 'The jurisdiction that published these figures.' })
  publishedBy(@Root() standard: LocalStandard): JurisdictionRef {
    return { code: standard.jurisdictionCode };
  }

  @FieldResolver(() => String)
  dibaoUrbanMonthly(@Root() standard: LocalStandard) {
    return formatYuan(standard.dibaoUrbanMonthlyFen);
  }

  @FieldResolver(() => String)
  dibaoRuralMonthly(@Root() standard: LocalStandard) {
    return formatYuan(standard.dibaoRuralMonthlyFen);
  }

  @FieldResolver(() => String, { nullable: true })
  tekunMonthly(@Root() standard: LocalStandard) {
    return standard.tekunMonthlyFen === null ? null : formatYuan(standard.tekunMonthlyFen);
  }

  @FieldResolver(() => String, { description: 'e.g. "1.50"' })
  lowIncomeMultiplier(@Root() standard: LocalStandard) {
    return (standard.lowIncomeMultiplierPercent / 100).toFixed(2);
  }

  @FieldResolver(() => String, {
    description: 'The upper bound of low income for urban households: the multiplier × the urban line.',
  })
  lowIncomeUrbanMonthly(@Root() standard: LocalStandard) {
    return formatYuan(Math.floor((standard.dibaoUrbanMonthlyFen * standard.lowIncomeMultiplierPercent) / 100));
  }

  @FieldResolver(() => String, { description: 'The upper bound of low income for rural households.' })
  lowIncomeRuralMonthly(@Root() standard: LocalStandard) {
    return formatYuan(Math.floor((standard.dibaoRuralMonthlyFen * standard.lowIncomeMultiplierPercent) / 100));
  }
}
