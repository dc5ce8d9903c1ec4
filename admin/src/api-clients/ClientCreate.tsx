import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import {
  CheckboxGroupInput,
  Create,
  SimpleForm,
  TextInput,
  maxLength,
  required,
  usePermissions,
  useTranslate,
} from 'react-admin';
import type { Viewer } from '../auth/auth-provider';
import { JurisdictionInput } from '../jurisdictions';
import { OrganisationInput } from '../organisations';
import { grantableScopes } from '../staff/grantable';
import { SecretDialog } from './SecretDialog';

/**
 * Registers an agency's app: its organisation, name and scopes — only those the administrator holds (the API
 * refuses wider ones). The secret is shown once, in a dialog, then the list.
 */
export function ClientCreate() {
  const translate = useTranslate();
  const navigate = useNavigate();
  const { permissions: viewer } = usePermissions<Viewer>();
  const [created, setCreated] = useState<{ id: string; clientSecret: string } | null>(null);
  if (!viewer) return null;
  const scopes = grantableScopes(viewer).map((id) => ({ id, name: translate(`doudi.scopes.${id}`) }));
  return (
    <>
      <Create
        redirect={false}
        mutationOptions={{ onSuccess: (data: { id: string; clientSecret: string }) => setCreated(data) }}
      >
        <SimpleForm defaultValues={{ scopes: [] }}>
          <OrganisationInput
            source="organisationId"
            label="resources.api-clients.fields.organisation"
            validate={required()}
          />
          <TextInput source="name" validate={[required(), maxLength(100)]} fullWidth />
          <CheckboxGroupInput
            source="scopes"
            choices={scopes}
            validate={required()}
            helperText="doudi.api_clients.scopes_help"
            row={false}
          />
          <JurisdictionInput
            source="jurisdictionCode"
            label="resources.api-clients.fields.jurisdiction"
            emptyLabel="doudi.jurisdiction.own_organisation"
          />
        </SimpleForm>
      </Create>
      {created && (
        <SecretDialog
          clientId={created.id}
          secret={created.clientSecret}
          onClose={() => void navigate('/api-clients')}
        />
      )}
    </>
  );
}
