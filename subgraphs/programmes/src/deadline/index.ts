import { aggregate } from '@doudi/shared';
import { LegacyDeadlineSetting } from './legacy-deadline-setting.entity.js';

/** The time limits kept here before they moved to cases, until cases has copied them. */
export const deadline = aggregate({ entities: [LegacyDeadlineSetting] });
