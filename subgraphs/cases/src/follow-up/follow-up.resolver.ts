import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { Case } from '../case/case.entity.js';
import { FollowUp } from './follow-up.entity.js';
import { FollowUpPayload, RecordFollowUpInput, ScheduleFollowUpInput } from './follow-up.inputs.js';
import { recordFollowUp, scheduleFollowUp } from './follow-up.service.js';
import { OrganisationRef, organisationRef } from '../organisation/organisation.ref.js';
import { isOverdue } from '../deadline/deadline.service.js';
import type { Context } from '../context.js';

@Resolver(() => Case)
export class CaseFollowUpsResolver {
  @FieldResolver(() => [FollowUp], { description: 'Follow-up visits, soonest due first.' })
  followUps(@Root() found: Case, @Ctx() { loaders }: Context) {
    return loaders.followUpsByCase.load(found.id);
  }
}

@Resolver(() => FollowUp)
export class FollowUpResolver {
  @Mutation(() => FollowUpPayload, { description: 'Arranges a follow-up visit by an organisation.' })
  async scheduleFollowUp(@Arg('input', () => ScheduleFollowUpInput) input: ScheduleFollowUpInput, @Ctx() ctx: Context) {
    return { followUp: await scheduleFollowUp(ctx, input) };
  }

  @Mutation(() => FollowUpPayload, { description: 'Records the follow-up visit (once).' })
  async recordFollowUp(@Arg('input', () => RecordFollowUpInput) input: RecordFollowUpInput, @Ctx() ctx: Context) {
    return { followUp: await recordFollowUp(ctx, input) };
  }

  @FieldResolver(() => OrganisationRef, { description: 'Who visits.' })
  organisation(@Root() followUp: FollowUp): OrganisationRef {
    return organisationRef(followUp.organisationId);
  }

  @FieldResolver(() => Boolean, { description: 'Not visited and due before today.' })
  overdue(@Root() followUp: FollowUp): boolean {
    return isOverdue(followUp.dueOn, followUp.visitedOn === null);
  }
}
