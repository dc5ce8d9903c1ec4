import FolderSharedIcon from '@mui/icons-material/FolderShared';
import type { ConsoleResource } from '../resource';
import { caseData } from './data';
import { lazyPage } from '../lazy-page';

const CaseCreate = lazyPage(() => import('./CaseCreate'), 'CaseCreate');
const CaseList = lazyPage(() => import('./CaseList'), 'CaseList');
const CaseShow = lazyPage(() => import('./CaseShow'), 'CaseShow');

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
