import type { CreateParams, GetListParams, GetManyParams, GetOneParams } from 'react-admin';
import { execute } from '../data/client';
import { connectionArgs } from '../data/connection';
import type { ResultOf } from '../graphql/graphql';
import type { ResourceData } from '../resource';
import { CASE, CASES, OPEN_CASE } from './documents';

export type CaseRow = ResultOf<typeof CASES>['cases']['nodes'][number];
export type CaseRecord = ResultOf<typeof CASE>['case'];
export type CaseReferral = CaseRecord['referrals']['nodes'][number];

const list = (value: unknown) => (Array.isArray(value) && value.length ? (value as never[]) : undefined);
const yesNo = (value: unknown) =>
  value === 'true' || value === true ? true : value === 'false' || value === false ? false : undefined;
const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);

/** The list's filter form → CaseFilter; every filter runs on the server, so a page of 10,000 cases stays a page. */
export function caseFilter(filter: Record<string, unknown>) {
  return {
    channels: list(filter.channels),
    stages: list(filter.stages),
    status: text(filter.status) as 'OPEN' | 'CLOSED' | undefined,
    greenChannel: yesNo(filter.greenChannel),
    overdue: yesNo(filter.overdue),
    jurisdictionCode: text(filter.jurisdictionCode),
    receivedFrom: text(filter.receivedFrom),
    receivedTo: text(filter.receivedTo),
  };
}

export const caseData: ResourceData = {
  async getList(_resource, params: GetListParams) {
    const args = connectionArgs(params, {
      receivedOn: 'RECEIVED_ON',
      openedAt: 'OPENED_AT',
      updatedAt: 'UPDATED_AT',
      greenChannel: 'GREEN_CHANNEL',
    } as const);
    const { cases } = await execute(
      CASES,
      { ...args, filter: caseFilter(params.filter ?? {}) },
      { signal: params.signal },
    );
    return { data: cases.nodes as never[], total: cases.totalCount };
  },
  async getOne(_resource, params: GetOneParams) {
    const found = await execute(CASE, { id: String(params.id) }, { signal: params.signal });
    return { data: found.case as never };
  },
  async getMany(_resource, params: GetManyParams) {
    const found = await Promise.all(
      params.ids.map((id) => execute(CASE, { id: String(id) }, { signal: params.signal })),
    );
    return { data: found.map((r) => r.case) as never[] };
  },
  async create(_resource, params: CreateParams) {
    const { openCase } = await execute(OPEN_CASE, { input: params.data as never });
    // react-admin shows the created record on the case page at once: give it the whole case, not just its id.
    const found = await execute(CASE, { id: openCase.case.id });
    return { data: found.case as never };
  },
};
