import GroupsIcon from '@mui/icons-material/Groups';
import type { ConsoleResource } from '../resource';
import { meetingData } from './data';
import { lazyPage } from '../lazy-page';

const MeetingList = lazyPage(() => import('./MeetingList'), 'MeetingList');
const MeetingShow = lazyPage(() => import('./MeetingShow'), 'MeetingShow');

/**
 * Joint meetings (联席会议, issue 14 item 5): members and liaisons, sessions with their agreed actions and due
 * dates, the yearly reports received and missing, and the annual summary (item 6) approved and exported.
 */
export const jointMeetings: ConsoleResource = {
  name: 'joint-meetings',
  icon: GroupsIcon,
  list: MeetingList,
  show: MeetingShow,
  recordRepresentation: 'name',
  data: meetingData,
  access: { read: 'MEETINGS_READ', write: 'MEETINGS_WRITE' },
};
