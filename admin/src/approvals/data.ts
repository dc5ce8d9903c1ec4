import type { GetListParams, GetOneParams } from 'react-admin';
import { execute } from '../data/client';
import { connectionArgs } from '../data/connection';
import type { ResultOf } from '../graphql/graphql';
import type { ResourceData } from '../resource';
import { BENEFIT, BENEFITS } from './documents';

export type BenefitRow = ResultOf<typeof BENEFITS>['benefits']['nodes'][number];
export type BenefitRecord = ResultOf<typeof BENEFIT>['benefit'];

/** The list's views, each one filter the API applies (the page never filters rows itself). */
export const VIEWS = ['waiting', 'notice', 'filings', 'all'] as const;
export type View = (typeof VIEWS)[number];

function filterOf(filter: Record<string, unknown>) {
  const view = (filter.view as View | undefined) ?? 'waiting';
  const jurisdictionCode = (filter.jurisdictionCode as string | undefined) || undefined;
  return {
    jurisdictionCode,
    ...(view === 'waiting' ? { awaitingMyDecision: true } : {}),
    ...(view === 'notice' ? { statuses: ['IN_NOTICE' as const] } : {}),
    // 备案 (临社救办发〔2015〕3号 二(一)): relief to staff and their relatives, whatever became of it.
    ...(view === 'filings' ? { filingRequired: true } : {}),
  };
}

export const approvalData: ResourceData = {
  async getList(_resource, params: GetListParams) {
    const args = connectionArgs(params, { grantedOn: 'GRANTED_ON', createdAt: 'CREATED_AT' } as const);
    const { benefits } = await execute(
      BENEFITS,
      { ...args, filter: filterOf(params.filter ?? {}) },
      { signal: params.signal },
    );
    return { data: benefits.nodes as never[], total: benefits.totalCount };
  },
  async getOne(_resource, params: GetOneParams) {
    const { benefit } = await execute(BENEFIT, { id: String(params.id) }, { signal: params.signal });
    return { data: benefit as never };
  },
};
