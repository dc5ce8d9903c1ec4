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
import type { StaffRecord } from './data';
import { DEACTIVATE_STAFF_ACCOUNT } from './documents';

const row = (record: RaRecord) => record as unknown as StaffRecord;

function Deactivate({ record }: { record: StaffRecord }) {
  const { canAccess } = useCanAccess({ resource: 'staff', action: 'delete' });
  if (!canAccess || record.deactivatedAt) return null;
  return (
    <DeactivateButton
      words="staff"
      name={`${record.username}（${record.displayName}）`}
      onConfirm={() => execute(DEACTIVATE_STAFF_ACCOUNT, { input: { id: record.id } })}
    />
  );
}

/** Staff accounts in the administrator's reach, by organisation (the picker searches the directory), a page at a time. */
export function StaffList() {
  const translate = useTranslate();
  return (
    <List
      filters={[<OrganisationInput key="o" source="organisationId" label="resources.staff.fields.organisation" />]}
      perPage={25}
      sort={{ field: 'username', order: 'ASC' }}
      actions={
        <TopToolbar>
          <CreateButton />
        </TopToolbar>
      }
      exporter={false}
    >
      <DataTable rowClick={false} bulkActionButtons={false}>
        <DataTable.Col source="username" disableSort />
        <DataTable.Col source="displayName" disableSort />
        <DataTable.Col source="organisation.name" label="resources.staff.fields.organisation" disableSort />
        <DataTable.Col
          source="roles"
          disableSort
          render={(record: RaRecord) =>
            row(record)
              .roles.map((r) => translate(`doudi.roles.${r}`))
              .join('、')
          }
        />
        <DataTable.Col source="jurisdiction.name" label="resources.staff.fields.jurisdiction" disableSort />
        <DataTable.Col source="lastSignInAt" disableSort>
          <DateField source="lastSignInAt" showTime locales="zh-CN" emptyText={translate('doudi.staff.never')} />
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
