import { Arg, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { requirePermission } from '@doudi/shared';
import { DeadlineRule, DeadlineUnit } from './deadline.rules.js';
import { deadlinesFor, setDeadline } from './deadline.settings.js';
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

@Resolver()
export class DeadlineResolver {
  // Read with programmes:read as before the settings moved here from programmes: the same callers may.
  @Query(() => [Deadline], { description: 'Every time limit in force in a jurisdiction (docs/regulations.md).' })
  deadlines(@Arg('jurisdictionCode', () => ID) jurisdictionCode: string, @Ctx() { em, principal }: Context) {
    requirePermission(principal, 'programmes:read');
    return deadlinesFor(em, jurisdictionCode);
  }

  @Mutation(() => [Deadline], { description: 'Sets (or, without an amount, removes) a jurisdiction’s own time limit.' })
  setDeadline(@Arg('input', () => SetDeadlineInput) input: SetDeadlineInput, @Ctx() { em, principal }: Context) {
    return setDeadline(em, principal, input);
  }
}
