import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { PageArgs, UPDATED_SINCE_DESCRIPTION } from '@doudi/shared';
import { OrganisationRef } from '../organisation/organisation.ref.js';
import { InboxConnection, InboxItem, InboxItemKind } from './inbox.types.js';
import { inboxOf, inboxSync } from './inbox.service.js';
import { Case } from '../case/case.entity.js';
import { Referral } from '../referral/referral.entity.js';
import { CaseTask } from '../task/task.entity.js';
import { FollowUp } from '../follow-up/follow-up.entity.js';
import { isAtRisk, isOverdue } from '../deadline/deadline.service.js';
import type { Context } from '../context.js';

@Resolver(() => OrganisationRef)
export class OrganisationInboxResolver {
  @FieldResolver(() => InboxConnection, {
    description:
      'What this organisation must answer or do: referrals to it (SENT, ACCEPTED), its open tasks and follow-ups, ' +
      'soonest due first, undated last; on the same due date green-channel cases first (晋检发办字〔2023〕10号 第五条). ' +
      'Its own staff and those overseeing the cases read it.',
  })
  inbox(
    @Root() organisation: OrganisationRef,
    @Args(() => PageArgs) args: PageArgs,
    @Arg('updatedSince', () => Date, {
      nullable: true,
      description:
        UPDATED_SINCE_DESCRIPTION +
        ' Here: the referrals sent to this organisation, its tasks and its follow-ups changed since, those that ' +
        'left the inbox included with open: false (answered, declined, forwarded, done, cancelled, visited). ' +
        'Nothing of the inbox is ever deleted.',
    })
    updatedSince: Date | null,
    @Ctx() { em, principal }: Context,
  ) {
    if (updatedSince) return inboxSync(em, principal, organisation.id, args, updatedSince);
    return inboxOf(em, principal, organisation.id, args);
  }
}

@Resolver(() => InboxItem)
export class InboxItemResolver {
  @FieldResolver(() => Boolean, { description: 'Due before today.' })
  overdue(@Root() item: InboxItem): boolean {
    return isOverdue(item.dueDate, true);
  }

  @FieldResolver(() => Boolean, {
    description: 'Not overdue and due by the next working day of the case’s jurisdiction.',
  })
  atRisk(@Root() item: InboxItem, @Ctx() ctx: Context): Promise<boolean> {
    return isAtRisk(ctx, item.jurisdictionCode, item.dueDate, true);
  }

  @FieldResolver(() => Case)
  case(@Root() item: InboxItem, @Ctx() { loaders }: Context) {
    return loaders.case.load(item.caseId);
  }

  @FieldResolver(() => Referral, { nullable: true })
  referral(@Root() item: InboxItem, @Ctx() { loaders }: Context) {
    return item.kind === InboxItemKind.REFERRAL ? loaders.referral.load(item.id) : null;
  }

  @FieldResolver(() => CaseTask, { nullable: true })
  task(@Root() item: InboxItem, @Ctx() { loaders }: Context) {
    return item.kind === InboxItemKind.TASK ? loaders.task.load(item.id) : null;
  }

  @FieldResolver(() => FollowUp, { nullable: true })
  followUp(@Root() item: InboxItem, @Ctx() { loaders }: Context) {
    return item.kind === InboxItemKind.FOLLOW_UP ? loaders.followUp.load(item.id) : null;
  }
}
