import { Link } from 'react-router-dom';
import { Button } from '@mui/material';
import { DataTable, DateField, usePermissions, useTranslate, type RaRecord } from 'react-admin';
import type { Viewer } from '../auth/auth-provider';
import { execute } from '../data/client';
import { AccountList } from '../organisations/AccountList';
import { Words } from '../organisations/Status';
import type { ClientRecord } from './data';
import { DEACTIVATE_API_CLIENT } from './documents';

/** The app's webhooks page, for those holding webhooks:manage (the API decides over which apps). */
function WebhooksLink({ client }: { client: ClientRecord }) {
  const translate = useTranslate();
  const { permissions: viewer } = usePermissions<Viewer>();
  if (!viewer?.permissions.includes('WEBHOOKS_MANAGE') || client.deactivatedAt) return null;
  return (
    <Button
      component={Link}
      to={`/api-clients/${encodeURIComponent(client.id)}/webhooks`}
      state={{ name: client.name }}
      size="small"
      aria-label={`${translate('doudi.webhooks.open')}：${client.name}`}
    >
      {translate('doudi.webhooks.open')}
    </Button>
  );
}

/** Agency apps in the administrator's reach, newest first, by organisation; never their secret; their webhooks. */
export function ClientList() {
  return (
    <AccountList<ClientRecord>
      resource="api-clients"
      words="api_clients"
      nameOf={(c) => c.name}
      deactivate={(c) => execute(DEACTIVATE_API_CLIENT, { input: { id: c.id } })}
      before={[
        <DataTable.Col key="name" source="name" disableSort />,
        <DataTable.Col key="id" source="id" label="doudi.api_clients.client_id" disableSort />,
      ]}
      after={[
        <DataTable.Col
          key="scopes"
          source="scopes"
          disableSort
          render={(record: RaRecord) => <Words prefix="doudi.scopes" codes={(record as ClientRecord).scopes} />}
        />,
        <DataTable.Col key="createdAt" source="createdAt" disableSort>
          <DateField source="createdAt" locales="zh-CN" />
        </DataTable.Col>,
        <DataTable.Col
          key="webhooks"
          label="doudi.webhooks.open"
          disableSort
          render={(record: RaRecord) => <WebhooksLink client={record as ClientRecord} />}
        />,
      ]}
    />
  );
}
