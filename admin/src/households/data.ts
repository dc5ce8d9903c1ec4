import type { GetListParams, GetOneParams } from 'react-admin';
import { execute } from '../data/client';
import { connectionArgs } from '../data/connection';
import type { ResultOf } from '../graphql/graphql';
import type { ResourceData } from '../resource';
import { HOUSEHOLD, HOUSEHOLDS } from './documents';

export type HouseholdRow = ResultOf<typeof HOUSEHOLDS>['households']['nodes'][number];
export type HouseholdRecord = ResultOf<typeof HOUSEHOLD>['household'] & {
  history: ResultOf<typeof HOUSEHOLD>['householdHistory'];
};
export type Member = HouseholdRecord['members']['nodes'][number];

/** Households a page at a time: the page, the order and the division go to the API (a county holds 10,000s). */
export const householdData: ResourceData = {
  async getList(_resource, params: GetListParams) {
    const args = connectionArgs(params, { createdAt: 'CREATED_AT', 'jurisdiction.name': 'JURISDICTION_CODE' } as const);
    const jurisdictionCode = (params.filter?.jurisdictionCode as string | undefined) || undefined;
    const { households } = await execute(
      HOUSEHOLDS,
      { ...args, filter: { jurisdictionCode } },
      { signal: params.signal },
    );
    return { data: households.nodes as never[], total: households.totalCount };
  },
  async getOne(_resource, params: GetOneParams) {
    const data = await execute(HOUSEHOLD, { id: String(params.id) }, { signal: params.signal });
    return { data: { ...data.household, history: data.householdHistory } as never };
  },
};
