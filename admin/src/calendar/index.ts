import EventNoteIcon from '@mui/icons-material/EventNote';
import type { ConsoleResource } from '../resource';
import { calendarData } from './data';
import { lazyPage } from '../lazy-page';

const CalendarPage = lazyPage(() => import('./CalendarPage'), 'CalendarPage');

/**
 * The working-day calendar per division (issue 12 item 8). Reading a calendar is open to every role (a police
 * unit counts a letter's deadline in the family's county); changing one needs calendar:write, and the national
 * schedule of a year the system lacks a SYSTEM_ADMIN.
 */
export const calendar: ConsoleResource = {
  name: 'calendar',
  icon: EventNoteIcon,
  list: CalendarPage,
  data: calendarData,
  access: { read: 'JURISDICTIONS_READ', write: 'CALENDAR_WRITE' },
};
