import type { CreateParams, GetListParams } from 'react-admin';
import { execute } from '../data/client';
import { connectionArgs } from '../data/connection';
import type { ResultOf } from '../graphql/graphql';
import type { ResourceData } from '../resource';
import { API_CLIENTS, CREATE_API_CLIENT } from './documents';

export type ClientRecord = ResultOf<typeof API_CLIENTS>['apiClients']['nodes'][number];

const given = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

/** API clients a page at a time, newest first, by organisation. Creating one answers the secret, once. */
export const clientData: ResourceData = {
  async getList(_resource, params: GetListParams) {
    const { first, offset } = connectionArgs(params, {});
    const { apiClients } = await execute(
      API_CLIENTS,
      { first, offset, organisationId: given(params.filter?.organisationId) },
      { signal: params.signal },
    );
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
