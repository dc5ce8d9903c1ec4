import { useSearchParams } from 'react-router-dom';
import {
  CheckboxGroupInput,
  Create,
  PasswordInput,
  SimpleForm,
  TextInput,
  maxLength,
  regex,
  required,
  usePermissions,
  useTranslate,
} from 'react-admin';
import type { Viewer } from '../auth/auth-provider';
import { JurisdictionInput } from '../jurisdictions';
import { OrganisationInput } from '../organisations';
import { grantableRoles } from './grantable';

// As the API validates them (organisations subgraph, account.service.ts).
const USERNAME = regex(/^[a-z0-9][a-z0-9._-]{2,63}$/, 'doudi.staff.username_format');
const password = (value: string, values: Record<string, unknown>) => {
  if (!value) return undefined;
  if (value.length < 10) return 'doudi.staff.password_short';
  const username = String(values.username ?? '')
    .trim()
    .toLowerCase();
  if (username && value.toLowerCase().includes(username)) return 'doudi.staff.password_username';
  return undefined;
};

/**
 * A new staff account: its organisation (searched in the directory), username, name, initial password (the API's
 * rules checked as one types) and roles — only those the administrator's own permissions cover — and a
 * division within theirs (the organisation's by default).
 */
export function StaffCreate() {
  const translate = useTranslate();
  const [search] = useSearchParams();
  const { permissions: viewer } = usePermissions<Viewer>();
  if (!viewer) return null;
  const roles = grantableRoles(viewer).map((id) => ({ id, name: translate(`doudi.roles.${id}`) }));
  return (
    <Create redirect="list">
      <SimpleForm defaultValues={{ organisationId: search.get('organisationId') ?? undefined, roles: [] }}>
        <OrganisationInput source="organisationId" label="resources.staff.fields.organisation" validate={required()} />
        <TextInput
          source="username"
          validate={[required(), USERNAME]}
          helperText="doudi.staff.username_help"
          autoComplete="off"
        />
        <TextInput source="displayName" validate={[required(), maxLength(50)]} />
        <PasswordInput
          source="password"
          label="doudi.staff.password"
          validate={[required(), password]}
          helperText="doudi.staff.password_help"
          autoComplete="new-password"
        />
        <CheckboxGroupInput
          source="roles"
          choices={roles}
          validate={required()}
          helperText="doudi.staff.roles_help"
          row={false}
        />
        <JurisdictionInput
          source="jurisdictionCode"
          label="resources.staff.fields.jurisdiction"
          emptyLabel="doudi.jurisdiction.own_organisation"
        />
      </SimpleForm>
    </Create>
  );
}
