import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Case } from '../case/case.entity.js';
import { CaseTask, TaskStatus } from './task.entity.js';
import { OrganisationRef, organisationRef } from '../organisation/organisation.ref.js';
import { isAtRisk, isOverdue } from '../deadline/deadline.service.js';
import type { Context } from '../context.js';

@Resolver(() => Case)
export class CaseTasksResolver {
  @FieldResolver(() => [CaseTask], { description: 'What the organisations must do for this case, oldest first.' })
  tasks(@Root() found: Case, @Ctx() { loaders }: Context) {
    return loaders.tasksByCase.load(found.id);
  }
}

@Resolver(() => CaseTask)
export class CaseTaskResolver {
  @FieldResolver(() => OrganisationRef, { description: 'Who must do it.' })
  organisation(@Root() task: CaseTask): OrganisationRef {
    return organisationRef(task.organisationId);
  }

  @FieldResolver(() => Boolean, { description: 'Open and due before today.' })
  overdue(@Root() task: CaseTask): boolean {
    return isOverdue(task.dueDate, task.status === TaskStatus.OPEN);
  }

  @FieldResolver(() => Boolean, { description: 'Open, not overdue, and due by the next working day.' })
  async atRisk(@Root() task: CaseTask, @Ctx() ctx: Context): Promise<boolean> {
    if (task.status !== TaskStatus.OPEN || task.dueDate === null) return false;
    const found = await ctx.loaders.case.load(task.caseId);
    return found ? isAtRisk(ctx, found.jurisdictionCode, task.dueDate, true) : false;
  }
}
