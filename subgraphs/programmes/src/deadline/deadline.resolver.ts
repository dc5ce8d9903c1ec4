import type { EntityManager } from '@mikro-orm/postgresql';
import { Arg, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { ancestorCandidates, assertJurisdictionCode, badInput, requirePermission } from '@doudi/shared';
import { DEADLINE_DEFAULTS, DeadlineRule, DeadlineUnit } from './deadline-rules.js';
import { DeadlineSetting } from './deadline-setting.entity.js';
import type { Context } from '../context.js';

@ObjectType({ description: 'A time limit in force in a jurisdiction.' })
export class Deadline {
  @Field(() => DeadlineRule)
  rule: DeadlineRule;

  @Field(() => Int)
  amount: number;

  @Field(() => DeadlineUnit)
  unit: DeadlineUnit;

  @Field(() => ID, { nullable: true, description: 'The jurisdiction that set it; null when it is the seed’s default.' })
  setBy: string | null;

  @Field(() => String, { description: 'The seed and section of the default figure.' })
  defaultSource: string;

  @Field(() => Int)
  defaultAmount: number;
}

@InputType()
export class SetDeadlineInput {
  @Field(() => ID)
  jurisdictionCode: string;

  @Field(() => DeadlineRule)
  rule: DeadlineRule;

  @Field(() => Int, {
    nullable: true,
    description: 'The new limit in the rule’s unit; omit to return to the inherited one.',
  })
  amount?: number;

  @Field(() => String, { nullable: true })
  reason?: string;
}

/** The limits in force in a jurisdiction: its own, else the nearest jurisdiction's above it, else the seed's. */
export async function deadlinesFor(em: EntityManager, jurisdictionCode: string): Promise<Deadline[]> {
  const code = assertJurisdictionCode('jurisdictionCode', jurisdictionCode);
  const chain = [...ancestorCandidates(code), code];
  const settings = await em.find(DeadlineSetting, { jurisdictionCode: { $in: chain } });
  const depth = (s: DeadlineSetting) => chain.indexOf(s.jurisdictionCode);
  return Object.values(DeadlineRule).map((rule) => {
    const own = settings.filter((s) => s.rule === rule).sort((a, b) => depth(b) - depth(a))[0];
    const fallback = DEADLINE_DEFAULTS[rule];
    return {
      rule,
      amount: own?.amount ?? fallback.amount,
      unit: fallback.unit,
      setBy: own?.jurisdictionCode ?? null,
      defaultSource: fallback.source,
      defaultAmount: fallback.amount,
    };
  });
}

const LIMITS: Record<DeadlineUnit, [number, number]> = {
  WORKING_DAYS: [1, 60],
  CALENDAR_MONTHS: [1, 12],
  DAY_OF_MONTH: [0, 28],
};

@Resolver()
export class DeadlineResolver {
  @Query(() => [Deadline], { description: 'Every time limit in force in a jurisdiction (DESIGN §4).' })
  deadlines(@Arg('jurisdictionCode', () => ID) jurisdictionCode: string, @Ctx() { em, principal }: Context) {
    requirePermission(principal, 'programmes:read');
    return deadlinesFor(em, jurisdictionCode);
  }

  @Mutation(() => [Deadline], { description: 'Sets (or, without an amount, removes) a jurisdiction’s own time limit.' })
  async setDeadline(@Arg('input', () => SetDeadlineInput) input: SetDeadlineInput, @Ctx() { em, principal }: Context) {
    const code = assertJurisdictionCode('input.jurisdictionCode', input.jurisdictionCode);
    requirePermission(principal, 'programmes:write', code);
    const existing = await em.findOne(DeadlineSetting, { jurisdictionCode: code, rule: input.rule });
    if (input.amount === undefined || input.amount === null) {
      if (existing) await em.remove(existing).flush();
      return deadlinesFor(em, code);
    }
    const [min, max] = LIMITS[DEADLINE_DEFAULTS[input.rule].unit];
    if (!Number.isInteger(input.amount) || input.amount < min || input.amount > max) {
      throw badInput(
        'input.amount',
        `${input.rule} is counted in ${DEADLINE_DEFAULTS[input.rule].unit}: between ${min} and ${max}`,
      );
    }
    const setting = existing ?? Object.assign(new DeadlineSetting(), { jurisdictionCode: code, rule: input.rule });
    Object.assign(setting, { amount: input.amount, reason: input.reason?.trim() || null });
    await em.persist(setting).flush();
    return deadlinesFor(em, code);
  }
}
