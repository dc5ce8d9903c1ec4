import { Arg, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { assertJurisdictionCode, requirePermission } from '@doudi/shared';
import { ProgrammeKind } from '../programme/programme-kind.js';
import type { Context } from '../context.js';
import { ApprovalTimeLimit } from './approval-time-limit.entity.js';
import { limitKey, limitsInForce, setApprovalTimeLimit } from './approval-time-limit.js';

@InputType()
export class SetApprovalTimeLimitInput {
  @Field(() => ID)
  jurisdictionCode: string;

  @Field(() => ProgrammeKind)
  programmeKind: ProgrammeKind;

  @Field(() => Int, { description: '1–60 working days of the jurisdiction’s calendar.' })
  workingDays: number;

  @Field(() => String, { nullable: true })
  reason?: string;
}

@ObjectType({ description: 'The time limit to decide a proposal of a kind in force at a place.' })
export class ApprovalTimeLimitInForce {
  @Field(() => ProgrammeKind)
  programmeKind: ProgrammeKind;

  @Field(() => Int)
  workingDays: number;

  @Field(() => ID, { nullable: true, description: 'The jurisdiction that set it; null: Doudi’s default.' })
  setBy: string | null;
}

/** 临社救办发〔2015〕3号 二(八): 缩短审批时限 — the time limits of approval by kind of relief. */
@Resolver()
export class ApprovalTimeLimitResolver {
  @Query(() => [ApprovalTimeLimitInForce], {
    description:
      'The working days approvers have to decide a proposed benefit, by programme kind, in force at a place ' +
      '(临社救办发〔2015〕3号 二(八): 缩短审批时限): the nearest setting at or above it, else Doudi’s default.',
  })
  async approvalTimeLimits(@Arg('jurisdictionCode', () => ID) code: string, @Ctx() { em, principal }: Context) {
    assertJurisdictionCode('jurisdictionCode', code);
    requirePermission(principal, 'programmes:read');
    const kinds = Object.values(ProgrammeKind);
    const found = await limitsInForce(
      em,
      kinds.map((kind) => ({ jurisdictionCode: code, kind })),
    );
    return kinds.map((kind) => ({ programmeKind: kind, ...found.get(limitKey(code, kind))! }));
  }

  @Mutation(() => ApprovalTimeLimit, {
    description:
      'Sets a jurisdiction’s time limit to decide proposals of a kind (临社救办发〔2015〕3号 二(八)); proposals made from ' +
      'then on are due within it. Needs programmes:write there.',
  })
  setApprovalTimeLimit(
    @Arg('input', () => SetApprovalTimeLimitInput) input: SetApprovalTimeLimitInput,
    @Ctx() { em, principal }: Context,
  ) {
    return setApprovalTimeLimit(em, principal, input);
  }
}
