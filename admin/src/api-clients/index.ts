import VpnKeyIcon from '@mui/icons-material/VpnKey';
import type { ConsoleResource } from '../resource';
import { clientData } from './data';
import { lazyPage } from '../lazy-page';

const ClientCreate = lazyPage(() => import('./ClientCreate'), 'ClientCreate');
const ClientList = lazyPage(() => import('./ClientList'), 'ClientList');

/** API clients (issue 14 item 5): scopes no wider than the administrator's, the secret shown once, deactivate. */
export const apiClients: ConsoleResource = {
  name: 'api-clients',
  icon: VpnKeyIcon,
  list: ClientList,
  create: ClientCreate,
  recordRepresentation: 'name',
  data: clientData,
  access: { read: 'STAFF_MANAGE', write: 'STAFF_MANAGE' },
};
