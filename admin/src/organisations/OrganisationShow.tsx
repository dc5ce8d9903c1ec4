import EditIcon from '@mui/icons-material/Edit';
import AddIcon from '@mui/icons-material/Add';
import { Link } from 'react-router-dom';
import {
  Button,
  Card,
  CardContent,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
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
import { ActiveChip } from './Status';
import { ORGANISATION_ACCESS } from './access-documents';

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
  return (
    <Stack spacing={2} sx={{ mt: 2 }}>
      <Card component="section" aria-labelledby="org-staff">
        <CardContent>
          <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center' }}>
            <Typography id="org-staff" variant="h6" component="h2">
              {translate('doudi.organisations.staff')}（{staffAccounts.totalCount}）
            </Typography>
            {!record.deactivatedAt && (
              <Button component={Link} to={`/staff/create?organisationId=${record.id}`} startIcon={<AddIcon />}>
                {translate('ra.action.create')}
              </Button>
            )}
          </Stack>
          {staffAccounts.nodes.length ? (
            <Table size="small">
              <TableHead>
                <TableRow>
                  <TableCell>{translate('resources.staff.fields.username')}</TableCell>
                  <TableCell>{translate('resources.staff.fields.displayName')}</TableCell>
                  <TableCell>{translate('resources.staff.fields.roles')}</TableCell>
                  <TableCell>{translate('resources.staff.fields.deactivatedAt')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {staffAccounts.nodes.map((a) => (
                  <TableRow key={a.id}>
                    <TableCell>{a.username}</TableCell>
                    <TableCell>{a.displayName}</TableCell>
                    <TableCell>{a.roles.map((r) => translate(`doudi.roles.${r}`)).join('、')}</TableCell>
                    <TableCell>
                      <ActiveChip deactivatedAt={a.deactivatedAt} />
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          ) : (
            <Typography color="text.secondary">{translate('doudi.organisations.none')}</Typography>
          )}
        </CardContent>
      </Card>
      <Card component="section" aria-labelledby="org-clients">
        <CardContent>
          <Typography id="org-clients" variant="h6" component="h2">
            {translate('doudi.organisations.clients')}（{organisation.apiClients.totalCount}）
          </Typography>
          {organisation.apiClients.nodes.length ? (
            <Table size="small">
              <TableHead>
                <TableRow>
                  <TableCell>{translate('resources.api-clients.fields.name')}</TableCell>
                  <TableCell>{translate('resources.api-clients.fields.scopes')}</TableCell>
                  <TableCell>{translate('resources.api-clients.fields.deactivatedAt')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {organisation.apiClients.nodes.map((c) => (
                  <TableRow key={c.id}>
                    <TableCell>{c.name}</TableCell>
                    <TableCell>{c.scopes.map((s) => translate(`doudi.scopes.${s}`)).join('、')}</TableCell>
                    <TableCell>
                      <ActiveChip deactivatedAt={c.deactivatedAt} />
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          ) : (
            <Typography color="text.secondary">{translate('doudi.organisations.none')}</Typography>
          )}
        </CardContent>
      </Card>
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
