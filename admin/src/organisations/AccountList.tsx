import type { ReactNode } from 'react';
import { CreateButton, DataTable, List, TopToolbar, useCanAccess, type RaRecord, type SortPayload } from 'react-admin';
import { DeactivateButton } from './DeactivateButton';
import { OrganisationInput } from './OrganisationInput';
import { ActiveChip } from './Status';

interface Account {
  id: string;
  deactivatedAt?: string | null;
}

interface Props<Row extends Account> {
  resource: 'staff' | 'api-clients';
  /** The words of the deactivation dialog (doudi.<words>.deactivate …). */
  words: 'staff' | 'api_clients';
  /** How the dialog names the account. */
  nameOf: (row: Row) => string;
  deactivate: (row: Row) => Promise<unknown>;
  sort?: SortPayload;
  /** The account's own columns before the organisation's name, then after it. */
  before: ReactNode;
  after: ReactNode;
}

function Deactivate<Row extends Account>({ row, ...props }: Props<Row> & { row: Row }) {
  const { canAccess } = useCanAccess({ resource: props.resource, action: 'delete' });
  if (!canAccess || row.deactivatedAt) return null;
  return <DeactivateButton words={props.words} name={props.nameOf(row)} onConfirm={() => props.deactivate(row)} />;
}

/**
 * The accounts an organisation holds (staff accounts, API clients) in the administrator's reach, a page at a
 * time, by organisation (the picker searches the directory): their own columns, the organisation, active or
 * deactivated, and deactivation for those who may.
 */
export function AccountList<Row extends Account>(props: Props<Row>) {
  const organisation = `resources.${props.resource}.fields.organisation`;
  const row = (record: RaRecord) => record as unknown as Row;
  return (
    <List
      filters={[<OrganisationInput key="o" source="organisationId" label={organisation} />]}
      perPage={25}
      sort={props.sort}
      actions={
        <TopToolbar>
          <CreateButton />
        </TopToolbar>
      }
      exporter={false}
    >
      <DataTable rowClick={false} bulkActionButtons={false}>
        {props.before}
        <DataTable.Col source="organisation.name" label={organisation} disableSort />
        {props.after}
        <DataTable.Col
          source="deactivatedAt"
          disableSort
          render={(record: RaRecord) => <ActiveChip deactivatedAt={row(record).deactivatedAt} />}
        />
        <DataTable.Col
          label=" "
          disableSort
          render={(record: RaRecord) => <Deactivate {...props} row={row(record)} />}
        />
      </DataTable>
    </List>
  );
}
