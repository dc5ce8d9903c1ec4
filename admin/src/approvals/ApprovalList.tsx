import { DataTable, List, SelectInput, useTranslate, type RaRecord } from 'react-admin';
import { JurisdictionInput, useWorkingJurisdiction } from '../jurisdictions';
import { yuan } from '../format';
import { VIEWS, type BenefitRow } from './data';
import { CapsLeft } from './CapsLeft';

const row = (record: RaRecord) => record as unknown as BenefitRow;

/**
 * What waits for the signed-in approver (PROPOSED at their level or below, never their own proposals), what is under
 * public notice, and the 备案 register — each a filter the API applies, a page at a time.
 */
export function ApprovalList() {
  const translate = useTranslate();
  const { working } = useWorkingJurisdiction();
  return (
    <List
      filters={[
        <SelectInput
          key="v"
          source="view"
          label="doudi.approvals.view"
          choices={VIEWS.map((id) => ({ id, name: `doudi.approvals.views.${id}` }))}
          alwaysOn
          emptyText="doudi.approvals.views.waiting"
          emptyValue="waiting"
        />,
        <JurisdictionInput key="j" source="jurisdictionCode" label="doudi.jurisdiction.label" alwaysOn />,
      ]}
      filterDefaultValues={{ view: 'waiting', ...(working ? { jurisdictionCode: working } : {}) }}
      sort={{ field: 'grantedOn', order: 'ASC' }}
      perPage={25}
      exporter={false}
    >
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="grantedOn" />
        <DataTable.Col
          source="household"
          disableSort
          render={(r: RaRecord) =>
            `${row(r).household.members.nodes[0]?.name ?? '—'}${row(r).person ? ` · ${row(r).person!.name}` : ''}`
          }
        />
        <DataTable.Col source="programme.name" label="resources.approvals.fields.programme" disableSort />
        <DataTable.Col source="amount" disableSort render={(r: RaRecord) => yuan(row(r).amount)} />
        <DataTable.Col
          source="approvalLevel"
          disableSort
          render={(r: RaRecord) =>
            translate(`doudi.approvals.levels.${row(r).approvalLevel}`) +
            (row(r).collectiveReviewRequired ? translate('doudi.approvals.with_review') : '')
          }
        />
        <DataTable.Col source="capsLeft" disableSort render={(r: RaRecord) => <CapsLeft benefit={row(r)} />} />
        <DataTable.Col
          source="status"
          disableSort
          render={(r: RaRecord) =>
            translate(`doudi.approvals.statuses.${row(r).status}`) +
            (row(r).filingRequired ? ` · ${translate('doudi.approvals.filed')}` : '')
          }
        />
      </DataTable>
    </List>
  );
}
