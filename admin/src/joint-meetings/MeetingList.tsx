import { Chip } from '@mui/material';
import { DataTable, List, useTranslate, type RaRecord } from 'react-admin';
import { JurisdictionInput, useWorkingJurisdiction } from '../jurisdictions';
import type { MeetingRow } from './data';

const row = (record: RaRecord) => record as unknown as MeetingRow;

/** The joint meetings (联席会议) of the division chosen and below; an overdue plenary marked in words and colour. */
export function MeetingList() {
  const translate = useTranslate();
  const { working } = useWorkingJurisdiction();
  return (
    <List
      filters={[<JurisdictionInput key="j" source="jurisdictionCode" label="doudi.jurisdiction.label" alwaysOn />]}
      filterDefaultValues={working ? { jurisdictionCode: working } : {}}
      sort={{ field: 'jurisdiction.name', order: 'ASC' }}
      perPage={25}
      exporter={false}
      actions={false}
    >
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="name" />
        <DataTable.Col source="jurisdiction.name" label="resources.joint-meetings.fields.jurisdiction" />
        <DataTable.Col source="office.name" label="resources.joint-meetings.fields.office" disableSort />
        <DataTable.Col
          source="nextPlenaryDue"
          disableSort
          render={(record: RaRecord) =>
            row(record).plenaryOverdue ? (
              <Chip
                size="small"
                color="error"
                label={translate('doudi.meetings.plenary_overdue', { date: row(record).nextPlenaryDue })}
              />
            ) : (
              row(record).nextPlenaryDue
            )
          }
        />
        <DataTable.Col
          source="lastPlenaryDate"
          disableSort
          render={(record: RaRecord) => row(record).lastPlenaryDate ?? '—'}
        />
      </DataTable>
    </List>
  );
}
