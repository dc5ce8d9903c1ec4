import { DataTable, DateField, type RaRecord } from 'react-admin';
import { execute } from '../data/client';
import { AccountList } from '../organisations/AccountList';
import { Words } from '../organisations/Status';
import type { ClientRecord } from './data';
import { DEACTIVATE_API_CLIENT } from './documents';

/** Agency apps in the administrator's reach, newest first, by organisation; never their secret. */
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
      ]}
    />
  );
}
