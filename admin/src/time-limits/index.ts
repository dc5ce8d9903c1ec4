import TimerIcon from '@mui/icons-material/Timer';
import type { ConsoleResource } from '../resource';
import { timeLimitData } from './data';
import { lazyPage } from '../lazy-page';

const TimeLimitsPage = lazyPage(() => import('./TimeLimitsPage'), 'TimeLimitsPage');

/** Time limits of the workflows per division (issue 12 item 7): the regulation's figure and source, own or inherited. */
export const timeLimits: ConsoleResource = {
  name: 'time-limits',
  icon: TimerIcon,
  list: TimeLimitsPage,
  data: timeLimitData,
  access: { read: 'PROGRAMMES_READ', write: 'PROGRAMMES_WRITE' },
};
