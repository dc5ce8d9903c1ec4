import {
  CreateButton,
  DataTable,
  DateField,
  List,
  TopToolbar,
  useCanAccess,
  useTranslate,
  type RaRecord,
} from 'react-admin';
import { execute } from '../data/client';
import { ActiveChip, DeactivateButton, OrganisationInput } from '../organisations';
import type { ClientRecord } from './data';
import { DEACTIVATE_API_CLIENT } from './documents';

const row = (record: RaRecord) => record as unknown as ClientRecord;

function Deactivate({ record }: { record: ClientRecord }) {
  const { canAccess } = useCanAccess({ resource: 'api-clients', action: 'delete' });
  if (!canAccess || record.deactivatedAt) return null;
  return (
    <DeactivateButton
      words="api_clients"
      name={record.name}
      onConfirm={() => execute(DEACTIVATE_API_CLIENT, { input: { id: record.id } })}
    />
  );
}

/** Agency apps in the administrator's reach, newest first, by organisation; never their secret. */
export function ClientList() {
  const translate = useTranslate();
  return (
    <List
      filters={[
        <OrganisationInput key="o" source="organisationId" label="resources.api-clients.fields.organisation" />,
      ]}
      perPage={25}
      actions={
        <TopToolbar>
          <CreateButton />
        </TopToolbar>
      }
      exporter={false}
    >
      <DataTable rowClick={false} bulkActionButtons={false}>
        <DataTable.Col source="name" disableSort />
        <DataTable.Col source="id" label="doudi.api_clients.client_id" disableSort />
        <DataTable.Col source="organisation.name" label="resources.api-clients.fields.organisation" disableSort />
        <DataTable.Col
          source="scopes"
          disableSort
          render={(record: RaRecord) =>
            row(record)
              .scopes.map((s) => translate(`doudi.scopes.${s}`))
              .join('、')
          }
        />
        <DataTable.Col source="createdAt" disableSort>
          <DateField source="createdAt" locales="zh-CN" />
        </DataTable.Col>
        <DataTable.Col
          source="deactivatedAt"
          disableSort
          render={(record: RaRecord) => <ActiveChip deactivatedAt={row(record).deactivatedAt} />}
        />
        <DataTable.Col label=" " disableSort render={(record: RaRecord) => <Deactivate record={row(record)} />} />
      </DataTable>
    </List>
  );
}
