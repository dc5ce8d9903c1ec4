import { Stack } from '@mui/material';
import {
  CreateButton,
  DataTable,
  FilterButton,
  List,
  SelectArrayInput,
  SelectInput,
  TextInput,
  TopToolbar,
  useTranslate,
  type RaRecord,
} from 'react-admin';
import { JurisdictionInput } from '../jurisdictions';
import type { CaseRow } from './data';
import { CHANNELS, STAGES } from './enums';
import { DueMarker, GreenChannelMarker } from './markers';
import { dateValidator } from './steps/StepFields';

function useFilters() {
  const translate = useTranslate();
  const choices = (values: readonly string[], enumName: string) =>
    values.map((id) => ({ id, name: translate(`doudi.cases.enums.${enumName}.${id}`) }));
  const yesNo = [
    { id: 'true', name: translate('doudi.cases.filters.yes') },
    { id: 'false', name: translate('doudi.cases.filters.no') },
  ];
  return [
    <SelectArrayInput
      key="c"
      source="channels"
      label="doudi.cases.fields.channel"
      choices={choices(CHANNELS, 'CaseChannel')}
      alwaysOn
      sx={{ minWidth: 180 }}
    />,
    <SelectArrayInput
      key="s"
      source="stages"
      label="doudi.cases.fields.stage"
      choices={choices(STAGES, 'CaseStage')}
      alwaysOn
      sx={{ minWidth: 180 }}
    />,
    <SelectInput
      key="o"
      source="overdue"
      label="doudi.cases.filters.overdue"
      choices={yesNo}
      emptyText="doudi.cases.filters.any"
      alwaysOn
    />,
    <SelectInput
      key="g"
      source="greenChannel"
      label="doudi.cases.green_channel"
      choices={yesNo}
      emptyText="doudi.cases.filters.any"
      alwaysOn
    />,
    <SelectInput
      key="st"
      source="status"
      label="doudi.cases.fields.status"
      choices={choices(['OPEN', 'CLOSED'], 'CaseStatus')}
      emptyText="doudi.cases.filters.any"
    />,
    <JurisdictionInput key="j" source="jurisdictionCode" label="doudi.jurisdiction.label" />,
    <TextInput
      key="f"
      source="receivedFrom"
      label="doudi.cases.filters.receivedFrom"
      type="date"
      InputLabelProps={{ shrink: true }}
      validate={dateValidator()}
    />,
    <TextInput
      key="t"
      source="receivedTo"
      label="doudi.cases.filters.receivedTo"
      type="date"
      InputLabelProps={{ shrink: true }}
      validate={dateValidator()}
    />,
  ];
}

/** Whether anything of the case is overdue or due by the next working day, as the case page shows it. */
function dueOf(row: CaseRow) {
  const items = [...row.tasks, ...row.referrals.nodes];
  return {
    overdue: items.some((i) => i.overdue) || row.followUps.some((f) => f.overdue),
    atRisk: items.some((i) => i.atRisk),
  };
}

function Markers({ record }: { record: RaRecord }) {
  const row = record as unknown as CaseRow;
  return (
    <Stack direction="row" spacing={0.5}>
      {row.greenChannel && <GreenChannelMarker />}
      <DueMarker {...dueOf(row)} />
    </Stack>
  );
}

function Actions() {
  return (
    <TopToolbar>
      <FilterButton />
      <CreateButton label="doudi.cases.open_case" />
    </TopToolbar>
  );
}

/** Cases the person may see, filtered and paged on the server (a page of 25 of 10,000 is still one query). */
export function CaseList() {
  const translate = useTranslate();
  return (
    <List
      filters={useFilters()}
      actions={<Actions />}
      sort={{ field: 'receivedOn', order: 'DESC' }}
      perPage={25}
      exporter={false}
    >
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="summary" label="doudi.cases.fields.summary" disableSort />
        <DataTable.Col
          source="channel"
          label="doudi.cases.fields.channel"
          render={(r: RaRecord) => translate(`doudi.cases.enums.CaseChannel.${r.channel}`)}
          disableSort
        />
        <DataTable.Col
          source="stage"
          label="doudi.cases.fields.stage"
          render={(r: RaRecord) => translate(`doudi.cases.enums.CaseStage.${r.stage}`)}
          disableSort
        />
        <DataTable.Col source="jurisdiction.name" label="doudi.jurisdiction.label" disableSort />
        <DataTable.Col source="leadOrganisation.name" label="doudi.cases.fields.leadOrganisation" disableSort />
        <DataTable.Col source="receivedOn" label="doudi.cases.fields.receivedOn" />
        <DataTable.Col
          source="greenChannel"
          label="doudi.cases.fields.markers"
          render={(r: RaRecord) => <Markers record={r} />}
        />
      </DataTable>
    </List>
  );
}
