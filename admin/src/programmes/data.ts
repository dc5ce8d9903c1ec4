import type { GetListParams, GetOneParams, GetManyParams } from 'react-admin';
import { execute } from '../data/client';
import { connectionArgs } from '../data/connection';
import type { ResultOf } from '../graphql/graphql';
import type { ResourceData } from '../resource';
import { PROGRAMME, PROGRAMMES } from './documents';

export type ProgrammeRow = ResultOf<typeof PROGRAMMES>['programmes']['nodes'][number];
export type ProgrammeRecord = ResultOf<typeof PROGRAMME>['programme'];

/** The list's filter form → ProgrammeFilter: a division (its subtree), kinds, templates or local programmes. */
function filterOf(filter: Record<string, unknown>) {
  const scope = filter.scope as string | undefined;
  return {
    jurisdictionCode: (filter.jurisdictionCode as string | undefined) || undefined,
    kinds: Array.isArray(filter.kinds) && filter.kinds.length ? (filter.kinds as never[]) : undefined,
    isTemplate: scope === 'templates' ? true : scope === 'programmes' ? false : undefined,
  };
}

export const programmeData: ResourceData = {
  async getList(_resource, params: GetListParams) {
    const args = connectionArgs(params, {
      name: 'NAME',
      createdAt: 'CREATED_AT',
      'jurisdiction.name': 'JURISDICTION_CODE',
    } as const);
    const { programmes } = await execute(
      PROGRAMMES,
      { ...args, filter: filterOf(params.filter ?? {}) },
      {
        signal: params.signal,
      },
    );
    return { data: programmes.nodes as never[], total: programmes.totalCount };
  },
  async getOne(_resource, params: GetOneParams) {
    const on = (params.meta as { on?: string } | undefined)?.on;
    const { programme } = await execute(PROGRAMME, { id: String(params.id), on }, { signal: params.signal });
    return { data: programme as never };
  },
  async getMany(_resource, params: GetManyParams) {
    // At most a page of references at a time; each is one programme query, batched by the gateway's loaders.
    const found = await Promise.all(
      params.ids.map((id) => execute(PROGRAMME, { id: String(id) }, { signal: params.signal })),
    );
    return { data: found.map((r) => r.programme) as never[] };
  },
};
