import { Stack } from '@mui/material';
import { DataTable, List, Pagination, useTranslate, type RaRecord } from 'react-admin';
import { DueDate, GreenChannelMarker } from '../cases/markers';
import type { InboxRow } from './data';
import { NotificationsPanel } from './NotificationsPanel';

/** What the item asks for, in words: the task, the referral and who sent it, or the follow-up visit. */
function useWhat() {
  const translate = useTranslate();
  return (row: InboxRow) => {
    if (row.task) return translate(`doudi.cases.enums.TaskKind.${row.task.kind}`);
    if (row.referral) {
      return translate('doudi.inbox.referral_from', {
        kind: translate(`doudi.cases.enums.ReferralKind.${row.referral.kind}`),
        from: row.referral.fromOrganisation.name,
        status: translate(`doudi.cases.enums.ReferralStatus.${row.referral.status}`),
      });
    }
    return translate('doudi.inbox.follow_up');
  };
}

/**
 * My work (待办): what the person's organisation must answer or do, soonest due first as the API orders it (the green
 * channel first among equals), overdue and due-soon marked; the organisation's notifications below.
 */
export function InboxList() {
  const translate = useTranslate();
  const what = useWhat();
  return (
    <>
      <List
        title="doudi.inbox.title"
        perPage={25}
        exporter={false}
        actions={false}
        pagination={<Pagination rowsPerPageOptions={[10, 25, 50, 100]} />}
        empty={false}
      >
        <DataTable
          rowClick={(_id, _resource, record) =>
            `/cases/${encodeURIComponent((record as unknown as InboxRow).case.id)}/show`
          }
          bulkActionButtons={false}
        >
          <DataTable.Col
            source="dueDate"
            label="doudi.cases.fields.dueDate"
            disableSort
            render={(r: RaRecord) => {
              const row = r as unknown as InboxRow;
              return <DueDate date={row.dueDate} overdue={row.overdue} atRisk={row.atRisk} />;
            }}
          />
          <DataTable.Col
            source="kind"
            label="doudi.inbox.what"
            disableSort
            render={(r: RaRecord) => what(r as unknown as InboxRow)}
          />
          <DataTable.Col
            source="case.summary"
            label="doudi.inbox.case"
            disableSort
            render={(r: RaRecord) => {
              const row = r as unknown as InboxRow;
              return (
                <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                  <span>{row.case.summary}</span>
                  {row.case.greenChannel && <GreenChannelMarker />}
                </Stack>
              );
            }}
          />
          <DataTable.Col
            source="case.channel"
            label="doudi.cases.fields.channel"
            disableSort
            render={(r: RaRecord) =>
              translate(`doudi.cases.enums.CaseChannel.${(r as unknown as InboxRow).case.channel}`)
            }
          />
          <DataTable.Col source="case.jurisdiction.name" label="doudi.jurisdiction.label" disableSort />
        </DataTable>
      </List>
      <NotificationsPanel />
    </>
  );
}
