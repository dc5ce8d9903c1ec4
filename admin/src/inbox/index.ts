import InboxIcon from '@mui/icons-material/Inbox';
import type { ConsoleResource } from '../resource';
import { inboxData } from './data';
import { lazyPage } from '../lazy-page';

const InboxList = lazyPage(() => import('./InboxList'), 'InboxList');

export { NotificationsBell } from './NotificationsBell';

/**
 * My work (待办, issue 14 item 1). First in resources.ts, so it is the home page of everyone who may read cases
 * (caseworkers, agency staff, approvers); react-admin opens the first resource a person may list.
 */
export const inbox: ConsoleResource = {
  name: 'inbox',
  icon: InboxIcon,
  list: InboxList,
  data: inboxData,
  access: { read: 'CASES_READ', write: 'CASES_WRITE' },
};
