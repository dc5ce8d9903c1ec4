import type { GetListParams, GetOneParams } from 'react-admin';
import { execute } from '../data/client';
import type { ResultOf } from '../graphql/graphql';
import type { ResourceData } from '../resource';
import { LOCAL_STANDARD } from './documents';

export type Standard = NonNullable<ResultOf<typeof LOCAL_STANDARD>['localStandard']>;

/** One year of a division: the standards in force then (null: nobody on its chain published any). */
export interface StandardYear {
  id: string;
  jurisdictionCode: string;
  year: number;
  standard: Standard | null;
}

/** A record's id: the division and the year, as `141023000000:2026`. */
export const standardId = (jurisdictionCode: string, year: number) => `${jurisdictionCode}:${year}`;

async function yearOf(jurisdictionCode: string, year: number, signal?: AbortSignal): Promise<StandardYear> {
  const { localStandard } = await execute(LOCAL_STANDARD, { jurisdictionCode, year }, { signal });
  return { id: standardId(jurisdictionCode, year), jurisdictionCode, year, standard: localStandard };
}

/**
 * Standards are read per division and year: a list is the years asked for, side by side (filter
 * `{ jurisdictionCode, years }`), one request each — a handful of years, never a page of them.
 */
export const standardData: ResourceData = {
  async getList(_resource, params: GetListParams) {
    const { jurisdictionCode, years } = (params.filter ?? {}) as { jurisdictionCode?: string; years?: number[] };
    if (!jurisdictionCode || !years?.length) return { data: [], total: 0 };
    const data = await Promise.all(years.map((year) => yearOf(jurisdictionCode, year, params.signal)));
    return { data: data as never[], total: data.length };
  },
  async getOne(_resource, params: GetOneParams) {
    const [code, year] = String(params.id).split(':');
    return { data: (await yearOf(code, Number(year), params.signal)) as never };
  },
};
