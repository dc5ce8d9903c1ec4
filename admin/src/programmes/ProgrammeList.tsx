import {
  BooleanField,
  DataTable,
  FunctionField,
  List,
  SelectArrayInput,
  SelectInput,
  TextField,
  useTranslate,
  type RaRecord,
} from 'react-admin';
import { JurisdictionInput, useWorkingJurisdiction } from '../jurisdictions';
import type { ProgrammeRow } from './data';
import { KINDS } from './kinds';

function useFilters() {
  const translate = useTranslate();
  return [
    <JurisdictionInput key="j" source="jurisdictionCode" label="doudi.jurisdiction.label" alwaysOn />,
    <SelectArrayInput
      key="k"
      source="kinds"
      label="resources.programmes.fields.kind"
      choices={KINDS.map((id) => ({ id, name: translate(`doudi.programme.kinds.${id}`) }))}
      alwaysOn
      sx={{ minWidth: 220 }}
    />,
    <SelectInput
      key="s"
      source="scope"
      label="doudi.programme.scope.label"
      choices={[
        { id: 'programmes', name: 'doudi.programme.scope.programmes' },
        { id: 'templates', name: 'doudi.programme.scope.templates' },
      ]}
      emptyText="doudi.programme.scope.all"
      alwaysOn
    />,
  ];
}

const inForce = (translate: ReturnType<typeof useTranslate>) => (record: RaRecord) => {
  const version = (record as unknown as ProgrammeRow).configuration?.version;
  return version
    ? translate('doudi.programme.in_force_from', { number: version.number, date: version.effectiveFrom })
    : translate('doudi.programme.no_version');
};

/** Programmes of the division chosen (and below it), with the version in force today on each row. */
export function ProgrammeList() {
  const translate = useTranslate();
  const { working } = useWorkingJurisdiction();
  return (
    <List
      filters={useFilters()}
      filterDefaultValues={working ? { jurisdictionCode: working } : {}}
      sort={{ field: 'jurisdiction.name', order: 'ASC' }}
      perPage={25}
      exporter={false}
    >
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="name" />
        <DataTable.Col
          source="kind"
          render={(record: RaRecord) => translate(`doudi.programme.kinds.${record.kind}`)}
          disableSort
        />
        <DataTable.Col source="jurisdiction.name" label="resources.programmes.fields.jurisdiction" />
        <DataTable.Col source="organisation.name" label="resources.programmes.fields.organisation" disableSort />
        <DataTable.Col source="isTemplate" disableSort>
          <BooleanField source="isTemplate" />
        </DataTable.Col>
        <DataTable.Col source="template.name" label="resources.programmes.fields.template" disableSort>
          <TextField source="template.name" emptyText="—" />
        </DataTable.Col>
        <DataTable.Col source="inForce" disableSort>
          <FunctionField render={inForce(translate)} />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
