import FactCheckIcon from '@mui/icons-material/FactCheck';
import type { ConsoleResource } from '../resource';
import { approvalData } from './data';
import { lazyPage } from '../lazy-page';

const ApprovalList = lazyPage(() => import('./ApprovalList'), 'ApprovalList');
const ApprovalShow = lazyPage(() => import('./ApprovalShow'), 'ApprovalShow');

/** Approvals (issue 14 item 4): what waits for the approver, the decision with caps and screening, the 备案 register. */
export const approvals: ConsoleResource = {
  name: 'approvals',
  icon: FactCheckIcon,
  list: ApprovalList,
  show: ApprovalShow,
  recordRepresentation: 'programme.name',
  data: approvalData,
  access: { read: 'BENEFITS_APPROVE', write: 'BENEFITS_APPROVE' },
};
