import type { GetListParams } from 'react-admin';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { execute } from '../data/client';
import type { ResultOf } from '../graphql/graphql';
import type { ResourceData } from '../resource';
import { CALENDAR_DAYS, CALENDAR_OVERRIDES, NATIONAL_SCHEDULE } from './documents';

export type CalendarDay = ResultOf<typeof CALENDAR_DAYS>['calendarDays'][number];
export type Override = ResultOf<typeof CALENDAR_OVERRIDES>['calendarOverrides'][number];

/**
 * The overrides of a year as a react-admin list (filter `{ jurisdictionCode, year }`; no division: the national
 * entries). Every query of the calendar pages is keyed under 'calendar', so one invalidation after a change
 * refreshes the year view, the lists and the calculator together.
 */
export const calendarData: ResourceData = {
  async getList(_resource, params: GetListParams) {
    const { jurisdictionCode, year } = (params.filter ?? {}) as { jurisdictionCode?: string | null; year?: number };
    if (!year) return { data: [], total: 0 };
    const { calendarOverrides } = await execute(
      CALENDAR_OVERRIDES,
      { jurisdictionCode: jurisdictionCode || null, year },
      { signal: params.signal },
    );
    return { data: calendarOverrides as never[], total: calendarOverrides.length };
  },
};

export function useCalendarDays(jurisdictionCode: string | null, year: number) {
  return useQuery({
    queryKey: ['calendar', 'days', jurisdictionCode, year],
    queryFn: ({ signal }) =>
      execute(CALENDAR_DAYS, { jurisdictionCode: jurisdictionCode!, year }, { signal }).then((d) => d.calendarDays),
    enabled: !!jurisdictionCode,
  });
}

export function useNationalSchedule(year: number) {
  return useQuery({
    queryKey: ['calendar', 'national', year],
    queryFn: ({ signal }) => execute(NATIONAL_SCHEDULE, { year }, { signal }).then((d) => d.nationalSchedule),
  });
}

/** After any change: the year view, the overrides, the schedule's state and the calculator read again. */
export function useRefreshCalendar() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ['calendar'] });
}
