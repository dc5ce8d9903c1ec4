import UploadFileIcon from '@mui/icons-material/UploadFile';
import { Link } from 'react-router-dom';
import { Button, DataTable, DateField, List, TopToolbar, useCanAccess, useTranslate, type RaRecord } from 'react-admin';
import { JurisdictionInput, useWorkingJurisdiction } from '../jurisdictions';
import type { HouseholdRow } from './data';

const row = (record: RaRecord) => record as unknown as HouseholdRow;

function Actions() {
  const { canAccess: mayImport } = useCanAccess({ resource: 'households', action: 'import' });
  return (
    <TopToolbar>
      {mayImport && (
        <Button component={Link} to="/households/import" label="doudi.households.import.title">
          <UploadFileIcon />
        </Button>
      )}
    </TopToolbar>
  );
}

/**
 * Households registered or living in the division chosen, a page at a time from the API (item 8: a county's
 * 10,000 families never come to the browser at once). Each row names the head of the household.
 */
export function HouseholdList() {
  const translate = useTranslate();
  const { working } = useWorkingJurisdiction();
  return (
    <List
      filters={[<JurisdictionInput key="j" source="jurisdictionCode" label="doudi.jurisdiction.label" alwaysOn />]}
      filterDefaultValues={working ? { jurisdictionCode: working } : {}}
      sort={{ field: 'createdAt', order: 'DESC' }}
      perPage={25}
      actions={<Actions />}
      exporter={false}
    >
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col
          source="head"
          disableSort
          render={(record: RaRecord) => row(record).members.nodes[0]?.name ?? '—'}
        />
        <DataTable.Col source="size" disableSort render={(record: RaRecord) => row(record).members.totalCount} />
        <DataTable.Col source="jurisdiction.name" label="resources.households.fields.jurisdiction" />
        <DataTable.Col
          source="residence"
          disableSort
          render={(record: RaRecord) => {
            const { residence, jurisdiction } = row(record);
            return residence.code === jurisdiction.code ? translate('doudi.households.same_place') : residence.name;
          }}
        />
        <DataTable.Col
          source="hukouType"
          disableSort
          render={(record: RaRecord) =>
            row(record).hukouType ? translate(`doudi.households.enums.HukouType.${row(record).hukouType}`) : '—'
          }
        />
        <DataTable.Col
          source="povertyMonitoringStatus"
          disableSort
          render={(record: RaRecord) =>
            translate(`doudi.households.enums.PovertyMonitoringStatus.${row(record).povertyMonitoringStatus}`)
          }
        />
        <DataTable.Col source="createdAt">
          <DateField source="createdAt" locales="zh-CN" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
