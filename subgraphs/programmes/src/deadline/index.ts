import { aggregate } from '@doudi/shared';
import { LegacyDeadlineSetting } from './legacy-deadline-setting.entity.js';
import { ApprovalTimeLimit } from './approval-time-limit.entity.js';
import { ApprovalTimeLimitResolver } from './approval-time-limit.resolver.js';

/**
 * The time limits of approval by kind of relief (临社救办发〔2015〕3号 二(八)), and those kept here before they moved to
 * cases, until cases has copied them.
 */
export const deadline = aggregate({
  entities: [LegacyDeadlineSetting, ApprovalTimeLimit],
  resolvers: [ApprovalTimeLimitResolver],
});
