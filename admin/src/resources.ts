import type { ConsoleResource } from './resource';
import { inbox } from './inbox';
import { cases } from './cases';
import { households } from './households';
import { approvals } from './approvals';
import { programmes } from './programmes';
import { standards } from './standards';
import { timeLimits } from './time-limits';
import { calendar } from './calendar';
import { dashboard } from './dashboard';
import { organisations } from './organisations';
import { staff } from './staff';
import { apiClients } from './api-clients';
import { jointMeetings } from './joint-meetings';
import { ledger } from './ledger';

/**
 * Every resource of the console, in menu order. A new page family (local standards, time limits, the working-day
 * calendar …) is one folder exporting a ConsoleResource and one line here.
 */
export const RESOURCES: ConsoleResource[] = [
  inbox,
  cases,
  households,
  approvals,
  programmes,
  standards,
  timeLimits,
  calendar,
  dashboard,
  ledger,
  jointMeetings,
  organisations,
  staff,
  apiClients,
];
