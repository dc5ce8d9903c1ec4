import type { CreateParams, GetListParams } from 'react-admin';
import { execute } from '../data/client';
import { given, organisationPage } from '../data/connection';
import type { ResultOf } from '../graphql/graphql';
import type { ResourceData } from '../resource';
import { API_CLIENTS, CREATE_API_CLIENT } from './documents';

export type ClientRecord = ResultOf<typeof API_CLIENTS>['apiClients']['nodes'][number];

/** API clients a page at a time, newest first, by organisation. Creating one answers the secret, once. */
export const clientData: ResourceData = {
  async getList(_resource, params: GetListParams) {
    const { apiClients } = await execute(API_CLIENTS, organisationPage(params), { signal: params.signal });
    return { data: apiClients.nodes as never[], total: apiClients.totalCount };
  },
  async create(_resource, params: CreateParams) {
    const v = params.data as Record<string, unknown>;
    const { createApiClient } = await execute(CREATE_API_CLIENT, {
      input: {
        organisationId: String(v.organisationId ?? ''),
        name: String(v.name ?? ''),
        scopes: (v.scopes as never[]) ?? [],
        jurisdictionCode: given(v.jurisdictionCode),
      },
    });
    return { data: { ...createApiClient.client, clientSecret: createApiClient.clientSecret } as never };
  },
};
