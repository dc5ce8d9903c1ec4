import EditIcon from '@mui/icons-material/Edit';
import AddIcon from '@mui/icons-material/Add';
import { Link } from 'react-router-dom';
import { Button, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import {
  Labeled,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useCanAccess,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { execute } from '../data/client';
import type { OrganisationRecord } from './data';
import { DEACTIVATE_ORGANISATION } from './documents';
import { DeactivateButton } from './DeactivateButton';
import { ActiveChip, Words } from './Status';
import { ORGANISATION_ACCESS } from './access-documents';
import { RowsTable, Section } from '../Section';

function Actions() {
  const record = useRecordContext<OrganisationRecord>();
  const translate = useTranslate();
  const { canAccess: mayWrite } = useCanAccess({ resource: 'organisations', action: 'edit' });
  if (!record || !mayWrite || record.deactivatedAt) return <TopToolbar />;
  return (
    <TopToolbar>
      <Button component={Link} to={`/organisations/${record.id}`} startIcon={<EditIcon />}>
        {translate('ra.action.edit')}
      </Button>
      <DeactivateButton
        words="organisations"
        name={record.name}
        withReason
        onConfirm={(reason) => execute(DEACTIVATE_ORGANISATION, { input: { id: String(record.id), reason } })}
      />
    </TopToolbar>
  );
}

/** The organisation's staff accounts and apps, for those who manage them (staff:manage). */
function Access() {
  const record = useRecordContext<OrganisationRecord>();
  const translate = useTranslate();
  const { canAccess } = useCanAccess({ resource: 'staff', action: 'list' });
  const access = useQuery({
    queryKey: ['organisation-access', record?.id],
    queryFn: ({ signal }) => execute(ORGANISATION_ACCESS, { organisationId: String(record!.id) }, { signal }),
    enabled: !!record && !!canAccess,
  });
  if (!record || !canAccess || !access.data) return null;
  const { staffAccounts, organisation } = access.data;
  const none = <Typography color="text.secondary">{translate('doudi.organisations.none')}</Typography>;
  const status = (a: { deactivatedAt?: string | null }) => <ActiveChip deactivatedAt={a.deactivatedAt} />;
  const field = (resource: string, source: string) => translate(`resources.${resource}.fields.${source}`);
  return (
    <Stack spacing={2} sx={{ mt: 2 }}>
      <Section
        id="org-staff"
        title={`${translate('doudi.organisations.staff')}（${staffAccounts.totalCount}）`}
        action={
          !record.deactivatedAt && (
            <Button component={Link} to={`/staff/create?organisationId=${record.id}`} startIcon={<AddIcon />}>
              {translate('ra.action.create')}
            </Button>
          )
        }
      >
        <RowsTable
          rows={staffAccounts.nodes}
          empty={none}
          columns={[
            [field('staff', 'username'), (a) => a.username],
            [field('staff', 'displayName'), (a) => a.displayName],
            [field('staff', 'roles'), (a) => <Words prefix="doudi.roles" codes={a.roles} />],
            [field('staff', 'deactivatedAt'), status],
          ]}
        />
      </Section>
      <Section
        id="org-clients"
        title={`${translate('doudi.organisations.clients')}（${organisation.apiClients.totalCount}）`}
      >
        <RowsTable
          rows={organisation.apiClients.nodes}
          empty={none}
          columns={[
            [field('api-clients', 'name'), (c) => c.name],
            [field('api-clients', 'scopes'), (c) => <Words prefix="doudi.scopes" codes={c.scopes} />],
            [field('api-clients', 'deactivatedAt'), status],
          ]}
        />
      </Section>
    </Stack>
  );
}

function Details() {
  const record = useRecordContext<OrganisationRecord>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <>
      <SimpleShowLayout>
        <TextField source="name" />
        <Labeled label="resources.organisations.fields.kind">
          <span>{translate(`doudi.organisations.kinds.${record.kind}`)}</span>
        </Labeled>
        <TextField source="jurisdiction.name" label="resources.organisations.fields.jurisdiction" />
        <TextField source="hotline" emptyText="—" />
        <TextField source="address" emptyText="—" />
        <TextField source="liaisonName" emptyText="—" />
        <TextField source="liaisonPhone" emptyText="—" />
        <Labeled label="resources.organisations.fields.deactivatedAt">
          <ActiveChip deactivatedAt={record.deactivatedAt} />
        </Labeled>
        {record.deactivatedAt && <TextField source="deactivationReason" emptyText="—" />}
      </SimpleShowLayout>
      <Access />
    </>
  );
}

/** One organisation: its details, its staff accounts and apps, edit and deactivate (with the reason). */
export function OrganisationShow() {
  return (
    <Show actions={<Actions />}>
      <Details />
    </Show>
  );
}
