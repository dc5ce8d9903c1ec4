import PaymentsIcon from '@mui/icons-material/Payments';
import type { ConsoleResource } from '../resource';
import { standardData } from './data';
import { lazyPage } from '../lazy-page';

const StandardEditPage = lazyPage(() => import('./StandardEditPage'), 'StandardEditPage');
const StandardsPage = lazyPage(() => import('./StandardsPage'), 'StandardsPage');

/** Local standards per division and year (issue 12 item 6): own versus inherited, the years side by side, edit. */
export const standards: ConsoleResource = {
  name: 'standards',
  icon: PaymentsIcon,
  list: StandardsPage,
  edit: StandardEditPage,
  data: standardData,
  access: { read: 'PROGRAMMES_READ', write: 'PROGRAMMES_WRITE' },
};
