import type { CreateParams, GetListParams } from 'react-admin';
import { execute } from '../data/client';
import { given, organisationPage } from '../data/connection';
import type { ResultOf } from '../graphql/graphql';
import type { ResourceData } from '../resource';
import { CREATE_STAFF_ACCOUNT, STAFF_ACCOUNTS } from './documents';

export type StaffRecord = ResultOf<typeof STAFF_ACCOUNTS>['staffAccounts']['nodes'][number];

/** Staff accounts a page at a time, by organisation; the API orders them by username. */
export const staffData: ResourceData = {
  async getList(_resource, params: GetListParams) {
    const { staffAccounts } = await execute(STAFF_ACCOUNTS, organisationPage(params), { signal: params.signal });
    return { data: staffAccounts.nodes as never[], total: staffAccounts.totalCount };
  },
  async create(_resource, params: CreateParams) {
    const v = params.data as Record<string, unknown>;
    const { createStaffAccount } = await execute(CREATE_STAFF_ACCOUNT, {
      input: {
        organisationId: String(v.organisationId ?? ''),
        username: String(v.username ?? '').trim(),
        displayName: String(v.displayName ?? ''),
        password: String(v.password ?? ''),
        roles: (v.roles as never[]) ?? [],
        jurisdictionCode: given(v.jurisdictionCode),
      },
    });
    return { data: createStaffAccount.account as never };
  },
};
