import type { EntityManager } from '@mikro-orm/postgresql';
import { byCase, byId } from '../loader-kit.js';
import { CaseTask } from './task.entity.js';

export function createTaskLoaders(em: EntityManager) {
  return {
    task: byId(em, CaseTask),
    tasksByCase: byCase(em, CaseTask),
  };
}

export type TaskLoaders = ReturnType<typeof createTaskLoaders>;
