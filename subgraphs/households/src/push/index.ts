import { aggregate } from '@doudi/shared';
import { DataPush, DataPushUnmatchedRow } from './push.entity.js';
import { DataPushResolver } from './push.resolver.js';

/** Departments' data pushed into the registry (河鱼府发【2021】39号 二(四)), and the rows that matched nobody. */
export const dataPush = aggregate({ entities: [DataPush, DataPushUnmatchedRow], resolvers: [DataPushResolver] });
