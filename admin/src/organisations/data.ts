import type { CreateParams, GetListParams, GetManyParams, GetOneParams, UpdateParams } from 'react-admin';
import { execute } from '../data/client';
import { connectionArgs, given } from '../data/connection';
import type { ResultOf } from '../graphql/graphql';
import type { ResourceData } from '../resource';
import { CREATE_ORGANISATION, ORGANISATION, ORGANISATIONS, UPDATE_ORGANISATION } from './documents';

export type OrganisationRecord = ResultOf<typeof ORGANISATION>['organisation'];

/**
 * The directory a page at a time: the division (its subtree), kinds, part of the name (`q`, the pickers' search)
 * and the status go to the API, so a picker finds any of a city's thousands of offices, not the first 100.
 */
export const organisationData: ResourceData = {
  async getList(_resource, params: GetListParams) {
    const args = connectionArgs(params, {
      name: 'NAME',
      'jurisdiction.name': 'JURISDICTION_CODE',
      createdAt: 'CREATED_AT',
    } as const);
    const f = (params.filter ?? {}) as Record<string, unknown>;
    const active =
      f.active === true || f.active === 'true' ? true : f.active === false || f.active === 'false' ? false : undefined;
    const { organisations } = await execute(
      ORGANISATIONS,
      {
        ...args,
        filter: {
          jurisdictionCode: given(f.jurisdictionCode),
          nameContains: given(f.q),
          kinds: Array.isArray(f.kinds) && f.kinds.length ? f.kinds : f.kind ? [f.kind as never] : undefined,
          active,
        },
      },
      { signal: params.signal },
    );
    return { data: organisations.nodes as never[], total: organisations.totalCount };
  },
  async getOne(_resource, params: GetOneParams) {
    const { organisation } = await execute(ORGANISATION, { id: String(params.id) }, { signal: params.signal });
    return { data: organisation as never };
  },
  // A picker's chosen value, by id (a handful at most).
  async getMany(_resource, params: GetManyParams) {
    const found = await Promise.all(
      params.ids.map((id) =>
        execute(ORGANISATION, { id: String(id) }, { signal: params.signal })
          .then((d) => d.organisation)
          .catch(() => null),
      ),
    );
    return { data: found.filter((o) => o !== null) as never[] };
  },
  async create(_resource, params: CreateParams) {
    const v = params.data as Record<string, unknown>;
    const { createOrganisation } = await execute(CREATE_ORGANISATION, {
      input: {
        name: String(v.name ?? ''),
        kind: v.kind as never,
        jurisdictionCode: String(v.jurisdictionCode ?? ''),
        hotline: given(v.hotline),
        address: given(v.address),
        idempotencyKey: given(v.idempotencyKey),
      },
    });
    return { data: createOrganisation.organisation as never };
  },
  async update(_resource, params: UpdateParams) {
    const v = params.data as Record<string, unknown>;
    const { updateOrganisation } = await execute(UPDATE_ORGANISATION, {
      input: {
        id: String(params.id),
        version: Number((params.previousData as { version: number }).version),
        name: String(v.name ?? ''),
        hotline: (v.hotline as string | null) ?? '',
        address: (v.address as string | null) ?? '',
        liaisonName: (v.liaisonName as string | null) ?? '',
        liaisonPhone: (v.liaisonPhone as string | null) ?? '',
      },
    });
    return { data: updateOrganisation.organisation as never };
  },
};
