import { createElement } from 'react';
import { Route } from 'react-router-dom';
import VpnKeyIcon from '@mui/icons-material/VpnKey';
import type { ConsoleResource } from '../resource';
import { clientData } from './data';
import { lazyPage } from '../lazy-page';

const ClientCreate = lazyPage(() => import('./ClientCreate'), 'ClientCreate');
const ClientList = lazyPage(() => import('./ClientList'), 'ClientList');
const WebhooksPage = lazyPage(() => import('../webhooks/WebhooksPage'), 'WebhooksPage');

/**
 * API clients (issue 14 item 5): scopes no wider than the administrator's, the secret shown once, deactivate; an
 * app's webhooks at /api-clients/<id>/webhooks (issue 19 item 1, src/webhooks).
 */
export const apiClients: ConsoleResource = {
  name: 'api-clients',
  icon: VpnKeyIcon,
  list: ClientList,
  create: ClientCreate,
  routes: createElement(Route, { path: ':id/webhooks', element: createElement(WebhooksPage) }),
  recordRepresentation: 'name',
  data: clientData,
  access: { read: 'STAFF_MANAGE', write: 'STAFF_MANAGE' },
};
