import type { EntityManager } from '@mikro-orm/postgresql';
import { CaseTask, TaskKind, TaskStatus } from './task.entity.js';
import { NO_DUE, type Due } from '../deadline/deadline.service.js';

/** Opens a task for an organisation, due as counted (or undated). */
export function openTask(tx: EntityManager, caseId: string, kind: TaskKind, organisationId: string, due: Due = NO_DUE) {
  const task = Object.assign(new CaseTask(), {
    caseId,
    kind,
    organisationId,
    dueDate: due.dueDate,
    dueRule: due.dueRule,
    dueDateWarning: due.dueDateWarning,
  });
  tx.persist(task);
  return task;
}

/** Marks the case's open tasks of these kinds done (or cancelled) on the given day. */
export async function finishTasks(
  tx: EntityManager,
  caseId: string,
  kinds: TaskKind[] | 'ALL',
  on: string,
  status: TaskStatus.DONE | TaskStatus.CANCELLED = TaskStatus.DONE,
): Promise<CaseTask[]> {
  const open = await tx.find(CaseTask, {
    caseId,
    status: TaskStatus.OPEN,
    ...(kinds === 'ALL' ? {} : { kind: { $in: kinds } }),
  });
  for (const task of open) Object.assign(task, { status, completedOn: on });
  return open;
}

export async function hasOpenTask(tx: EntityManager, caseId: string, kind: TaskKind): Promise<boolean> {
  return (await tx.count(CaseTask, { caseId, kind, status: TaskStatus.OPEN })) > 0;
}
