import {
  CreateButton,
  DataTable,
  List,
  SearchInput,
  SelectInput,
  TopToolbar,
  useTranslate,
  type RaRecord,
} from 'react-admin';
import { JurisdictionInput, useWorkingJurisdiction } from '../jurisdictions';
import type { OrganisationRecord } from './data';
import { kindChoices } from './kinds';
import { ActiveChip } from './Status';

const row = (record: RaRecord) => record as unknown as OrganisationRecord;

/** The directory of the division chosen, a page at a time from the API: by kind, part of the name and status. */
export function OrganisationList() {
  const translate = useTranslate();
  const { working } = useWorkingJurisdiction();
  return (
    <List
      filters={[
        <SearchInput key="q" source="q" placeholder={translate('doudi.organisations.search')} alwaysOn />,
        <JurisdictionInput key="j" source="jurisdictionCode" label="doudi.jurisdiction.label" alwaysOn />,
        <SelectInput
          key="k"
          source="kind"
          label="resources.organisations.fields.kind"
          choices={kindChoices(translate)}
        />,
        <SelectInput
          key="a"
          source="active"
          label="doudi.organisations.active"
          choices={[
            { id: 'true', name: 'doudi.organisations.active_choices.true' },
            { id: 'false', name: 'doudi.organisations.active_choices.false' },
          ]}
        />,
      ]}
      filterDefaultValues={working ? { jurisdictionCode: working, active: 'true' } : { active: 'true' }}
      sort={{ field: 'jurisdiction.name', order: 'ASC' }}
      perPage={25}
      actions={
        <TopToolbar>
          <CreateButton />
        </TopToolbar>
      }
      exporter={false}
    >
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="name" />
        <DataTable.Col
          source="kind"
          disableSort
          render={(record: RaRecord) => translate(`doudi.organisations.kinds.${row(record).kind}`)}
        />
        <DataTable.Col source="jurisdiction.name" label="resources.organisations.fields.jurisdiction" />
        <DataTable.Col source="hotline" disableSort />
        <DataTable.Col
          source="deactivatedAt"
          disableSort
          render={(record: RaRecord) => <ActiveChip deactivatedAt={row(record).deactivatedAt} />}
        />
      </DataTable>
    </List>
  );
}
