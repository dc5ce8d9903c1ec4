import { aggregate } from '@doudi/shared';
import { DeadlineSetting, DeadlineSettingImport } from './deadline-setting.entity.js';
import { DeadlineResolver } from './deadline.resolver.js';

/** The per-jurisdiction time limits of the case workflows, and the import of those kept before in programmes. */
export const deadline = aggregate({
  entities: [DeadlineSetting, DeadlineSettingImport],
  resolvers: [DeadlineResolver],
});

export { openDeadlines, type OpenDeadline } from './deadline.open.js';
