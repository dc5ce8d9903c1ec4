import BadgeIcon from '@mui/icons-material/Badge';
import type { ConsoleResource } from '../resource';
import { staffData } from './data';
import { lazyPage } from '../lazy-page';

const StaffCreate = lazyPage(() => import('./StaffCreate'), 'StaffCreate');
const StaffList = lazyPage(() => import('./StaffList'), 'StaffList');

/** Staff accounts (issue 14 item 5): by organisation; create with grantable roles only; deactivate. */
export const staff: ConsoleResource = {
  name: 'staff',
  icon: BadgeIcon,
  list: StaffList,
  create: StaffCreate,
  recordRepresentation: 'username',
  data: staffData,
  access: { read: 'STAFF_MANAGE', write: 'STAFF_MANAGE' },
};
