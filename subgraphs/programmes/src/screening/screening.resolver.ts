import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import {
  EarlyWarning,
  EarlyWarningConnection,
  EarlyWarningVisit,
  ScreeningRunConnection,
  ScreeningSchedule,
} from './screening.entities.js';
import { EarlyWarningReason } from './screening.enums.js';
import {
  EarlyWarningListArgs,
  EarlyWarningVisitPayload,
  RecordEarlyWarningVisitInput,
  RunScreeningInput,
  RunScreeningPayload,
  ScreeningRunListArgs,
  ScreeningSchedulePayload,
  SetScreeningScheduleInput,
} from './screening.inputs.js';
import { listScreeningRuns, requestScreening, screeningScheduleOf, setScreeningSchedule } from './screening.service.js';
import { listEarlyWarnings, reasonsFor, recordEarlyWarningVisit } from './early-warning.service.js';
import { HouseholdRef } from '../household/household.ref.js';
import type { Context } from '../context.js';

@Resolver()
export class ScreeningResolver {
  @Mutation(() => RunScreeningPayload, {
    description:
      'Screens every household registered or living in the jurisdiction against the programmes in force and the key groups ' +
      '(临社救办发〔2015〕3号 二(一) 应保尽保; 河鱼府发【2021】39号 一): newly qualifying households become leads, benefits whose rule ' +
      'is no longer met are flagged for review, the early-warning list is brought up to date. programmes:write.',
  })
  async runScreening(@Arg('input', () => RunScreeningInput) input: RunScreeningInput, @Ctx() ctx: Context) {
    return { run: await requestScreening(ctx.em, ctx.principal, input) };
  }

  @Query(() => ScreeningRunConnection, { description: 'Screening runs, newest first: when, scope, counts and status.' })
  screeningRuns(@Args(() => ScreeningRunListArgs) args: ScreeningRunListArgs, @Ctx() ctx: Context) {
    return listScreeningRuns(ctx.em, ctx.principal, args.jurisdictionCode, args);
  }

  @Mutation(() => ScreeningSchedulePayload, {
    description:
      "Sets when the jurisdiction's households are screened (daily, weekly or monthly at an hour) and its early-warning margin.",
  })
  async setScreeningSchedule(
    @Arg('input', () => SetScreeningScheduleInput) input: SetScreeningScheduleInput,
    @Ctx() ctx: Context,
  ) {
    return { schedule: await setScreeningSchedule(ctx.em, ctx.principal, input) };
  }

  @Query(() => ScreeningSchedule, {
    nullable: true,
    description: "The jurisdiction's own screening schedule, if it set one.",
  })
  screeningSchedule(@Arg('jurisdictionCode', () => ID) jurisdictionCode: string, @Ctx() ctx: Context) {
    return screeningScheduleOf(ctx.em, ctx.principal, jurisdictionCode);
  }

  @Query(() => EarlyWarningConnection, {
    description:
      'The early-warning list (前置预警对象, 河鱼府发【2021】39号 一、二): households close to a line, for the village point to visit. ' +
      'Scoped to your jurisdiction: a village point sees its village.',
  })
  earlyWarnings(@Args(() => EarlyWarningListArgs) args: EarlyWarningListArgs, @Ctx() ctx: Context) {
    return listEarlyWarnings(ctx.em, ctx.principal, args.jurisdictionCode, args.filter, args);
  }

  @Mutation(() => EarlyWarningVisitPayload, {
    description:
      "Records the village point's visit to a household on the early-warning list (recorded once per idempotencyKey).",
  })
  recordEarlyWarningVisit(
    @Arg('input', () => RecordEarlyWarningVisitInput) input: RecordEarlyWarningVisitInput,
    @Ctx() ctx: Context,
  ) {
    return recordEarlyWarningVisit(ctx.em, ctx.principal, input);
  }
}

@Resolver(() => EarlyWarning)
export class EarlyWarningResolver {
  @FieldResolver(() => HouseholdRef)
  household(@Root() warning: EarlyWarning): HouseholdRef {
    return { id: warning.householdId };
  }

  @FieldResolver(() => [EarlyWarningReason], {
    description: 'Why it is listed; a health fact reads WITHHELD unless you may read health facts.',
  })
  reasons(@Root() warning: EarlyWarning, @Ctx() ctx: Context): EarlyWarningReason[] {
    return reasonsFor(ctx.principal, warning);
  }

  @FieldResolver(() => [EarlyWarningVisit], { description: 'The visits recorded, oldest first.' })
  visits(@Root() warning: EarlyWarning, @Ctx() ctx: Context) {
    return ctx.loaders.earlyWarningVisits.load(warning.id);
  }
}
