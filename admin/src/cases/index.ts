import FolderSharedIcon from '@mui/icons-material/FolderShared';
import type { ConsoleResource } from '../resource';
import { CaseCreate } from './CaseCreate';
import { CaseList } from './CaseList';
import { CaseShow } from './CaseShow';
import { caseData } from './data';

/** Cases (issue 14 item 2): the list with server-side filters, the case page and its next steps, opening a case. */
export const cases: ConsoleResource = {
  name: 'cases',
  icon: FolderSharedIcon,
  list: CaseList,
  show: CaseShow,
  create: CaseCreate,
  recordRepresentation: 'summary',
  data: caseData,
  access: { read: 'CASES_READ', write: 'CASES_WRITE' },
};
