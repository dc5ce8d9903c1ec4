import { DataTable, DateField, useTranslate, type RaRecord } from 'react-admin';
import { execute } from '../data/client';
import { AccountList } from '../organisations/AccountList';
import { Words } from '../organisations/Status';
import type { StaffRecord } from './data';
import { DEACTIVATE_STAFF_ACCOUNT } from './documents';

/** Staff accounts in the administrator's reach, by organisation (the picker searches the directory), a page at a time. */
export function StaffList() {
  const translate = useTranslate();
  return (
    <AccountList<StaffRecord>
      resource="staff"
      words="staff"
      nameOf={(a) => `${a.username}（${a.displayName}）`}
      deactivate={(a) => execute(DEACTIVATE_STAFF_ACCOUNT, { input: { id: a.id } })}
      sort={{ field: 'username', order: 'ASC' }}
      before={[
        <DataTable.Col key="username" source="username" disableSort />,
        <DataTable.Col key="displayName" source="displayName" disableSort />,
      ]}
      after={[
        <DataTable.Col
          key="roles"
          source="roles"
          disableSort
          render={(record: RaRecord) => <Words prefix="doudi.roles" codes={(record as StaffRecord).roles} />}
        />,
        <DataTable.Col
          key="jurisdiction"
          source="jurisdiction.name"
          label="resources.staff.fields.jurisdiction"
          disableSort
        />,
        <DataTable.Col key="lastSignInAt" source="lastSignInAt" disableSort>
          <DateField source="lastSignInAt" showTime locales="zh-CN" emptyText={translate('doudi.staff.never')} />
        </DataTable.Col>,
      ]}
    />
  );
}
