import { aggregate } from '@doudi/shared';
import { CalendarOverride, CalendarYear } from './calendar-override.entity.js';
import { createCalendarLoaders } from './calendar.loaders.js';
import { CalendarResolver, JurisdictionCalendarResolver } from './calendar.resolver.js';

/** Working-day calendars: the year's public holidays and working weekends, by jurisdiction. */
export const calendar = aggregate({
  entities: [CalendarOverride, CalendarYear],
  resolvers: [CalendarResolver, JurisdictionCalendarResolver],
  loaders: createCalendarLoaders,
});
