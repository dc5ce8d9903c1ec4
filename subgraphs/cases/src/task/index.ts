import { aggregate } from '@doudi/shared';
import { CaseTask } from './task.entity.js';
import { CaseTaskResolver, CaseTasksResolver } from './task.resolver.js';
import { createTaskLoaders } from './task.loaders.js';

/** A case's tasks. */
export const task = aggregate({
  entities: [CaseTask],
  resolvers: [CaseTasksResolver, CaseTaskResolver],
  loaders: createTaskLoaders,
});
