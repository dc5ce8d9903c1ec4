import type { GetListParams } from 'react-admin';
import { execute } from '../data/client';
import type { ResultOf } from '../graphql/graphql';
import type { ResourceData } from '../resource';
import { DEADLINES } from './documents';

export type TimeLimit = ResultOf<typeof DEADLINES>['deadlines'][number] & { id: string };

/** A division's time limits (filter `{ jurisdictionCode }`), one row per rule, in the API's order. */
export const timeLimitData: ResourceData = {
  async getList(_resource, params: GetListParams) {
    const { jurisdictionCode } = (params.filter ?? {}) as { jurisdictionCode?: string };
    if (!jurisdictionCode) return { data: [], total: 0 };
    const { deadlines } = await execute(DEADLINES, { jurisdictionCode }, { signal: params.signal });
    const data = deadlines.map((d) => ({ ...d, id: d.rule }));
    return { data: data as never[], total: data.length };
  },
};
