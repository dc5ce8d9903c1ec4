import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { DemocraticAppraisal } from './appraisal.entity.js';
import { DemocraticAppraisalPayload, RecordDemocraticAppraisalInput } from './appraisal.inputs.js';
import { appraisalsOf, recordDemocraticAppraisal } from './appraisal.service.js';
import type { Context } from '../context.js';

const callerOf = (ctx: Context) => ({
  principal: ctx.principal,
  assertion: ctx.assertion,
  households: ctx.services.households,
});

@Resolver(() => DemocraticAppraisal)
export class DemocraticAppraisalResolver {
  @Query(() => [DemocraticAppraisal], {
    description: 'A household’s democratic appraisals (民主评议), latest first; for those who may read the household.',
  })
  democraticAppraisals(
    @Arg('householdId', () => ID) householdId: string,
    @Arg('programmeId', () => ID, { nullable: true }) programmeId: string | null,
    @Ctx() ctx: Context,
  ) {
    return appraisalsOf(ctx.em, callerOf(ctx), householdId, programmeId);
  }

  @Mutation(() => DemocraticAppraisalPayload, {
    description:
      'Records the village’s democratic appraisal (民主评议, 临社救办发〔2015〕3号 二(一)) of a household’s application: ' +
      'the day, participants by role, PASSED or NOT_PASSED and the reasons, by the village committee or township of the ' +
      'hukou place. Where the programme requires it (appraisalRequired), grantBenefit needs the latest one PASSED.',
  })
  async recordDemocraticAppraisal(
    @Arg('input', () => RecordDemocraticAppraisalInput) input: RecordDemocraticAppraisalInput,
    @Ctx() ctx: Context,
  ) {
    return { appraisal: await recordDemocraticAppraisal(ctx.em, callerOf(ctx), input) };
  }
}
