import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { loadCalendars } from './calendar.service.js';

export function createCalendarLoaders(em: EntityManager) {
  return {
    /** Working-day calendars by jurisdiction code: three queries for any number of jurisdictions. */
    calendar: new DataLoader((codes: readonly string[]) => loadCalendars(em, codes)),
  };
}

export type CalendarLoaders = ReturnType<typeof createCalendarLoaders>;
