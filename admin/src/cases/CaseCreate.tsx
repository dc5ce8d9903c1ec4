import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import {
  AutocompleteInput,
  CheckboxGroupInput,
  Create,
  SelectInput,
  SimpleForm,
  TextInput,
  maxLength,
  required,
  usePermissions,
  useTranslate,
} from 'react-admin';
import type { Viewer } from '../auth/auth-provider';
import { execute } from '../data/client';
import { today } from '../format';
import { HOUSEHOLDS } from './documents';
import { CHANNELS, PRIORITY_GROUPS } from './enums';
import { dateValidator } from './steps/StepFields';
import { OrganisationInput } from '../organisations/OrganisationInput';
import { given } from './steps/step';

/** The families of the caller's division, named by the first member and the masked ID number the API answers. */
function HouseholdInput({ jurisdictionCode }: { jurisdictionCode: string }) {
  const { data = [], isPending } = useQuery({
    queryKey: ['case-households', jurisdictionCode],
    queryFn: ({ signal }) =>
      execute(HOUSEHOLDS, { filter: { jurisdictionCode }, first: 100 }, { signal }).then((d) => d.households.nodes),
  });
  const choices = data.map((h) => {
    const head = h.members.nodes[0];
    return { id: h.id, name: [head?.name, head?.idNumber, h.address].filter(Boolean).join(' · ') };
  });
  return (
    <AutocompleteInput
      source="householdId"
      label="doudi.cases.fields.household"
      choices={choices}
      isPending={isPending}
      validate={required()}
      fullWidth
    />
  );
}

function LeadInput({ jurisdictionCode }: { jurisdictionCode: string }) {
  return (
    <OrganisationInput
      source="leadOrganisationId"
      label="doudi.cases.fields.leadOrganisation"
      jurisdictionCode={`${jurisdictionCode.slice(0, 6)}000000`}
      validate={required()}
    />
  );
}

/**
 * Opens a case (a window application by default, 周政办字〔2017〕70号 四(二) 一门受理): the caller's organisation leads it
 * in the caller's division unless they choose otherwise. Limits as the API's: a summary of at most 2,000 characters,
 * the responsible person 100, the day received not in the future.
 */
export function CaseCreate() {
  const translate = useTranslate();
  const { permissions: viewer } = usePermissions<Viewer>();
  const [key] = useState(() => crypto.randomUUID());
  if (!viewer?.jurisdiction) return null;
  const code = viewer.jurisdiction.code;
  const choices = (values: readonly string[], enumName: string) =>
    values.map((id) => ({ id, name: translate(`doudi.cases.enums.${enumName}.${id}`) }));
  const transform = (v: Record<string, unknown>) => ({
    channel: v.channel,
    householdId: v.householdId,
    jurisdictionCode: v.jurisdictionCode,
    leadOrganisationId: v.leadOrganisationId,
    summary: given(v.summary) ?? '',
    receivedOn: given(v.receivedOn),
    responsiblePerson: given(v.responsiblePerson),
    priorityGroups: (v.priorityGroups as string[] | undefined) ?? [],
    idempotencyKey: key,
  });
  return (
    <Create redirect="show" transform={transform} title="doudi.cases.open_case">
      <SimpleForm
        defaultValues={{
          channel: 'WINDOW_APPLICATION',
          jurisdictionCode: code,
          leadOrganisationId: viewer.organisation?.id,
          receivedOn: today(),
        }}
      >
        <SelectInput
          source="channel"
          label="doudi.cases.fields.channel"
          choices={choices(CHANNELS, 'CaseChannel')}
          validate={required()}
        />
        <HouseholdInput jurisdictionCode={code} />
        <TextInput
          source="jurisdictionCode"
          label="doudi.cases.fields.jurisdictionCode"
          validate={required()}
          helperText="doudi.cases.help.jurisdictionCode"
        />
        <LeadInput jurisdictionCode={code} />
        <TextInput
          source="summary"
          label="doudi.cases.fields.summary"
          multiline
          minRows={3}
          validate={[required(), maxLength(2000)]}
          fullWidth
        />
        <TextInput
          source="receivedOn"
          label="doudi.cases.fields.receivedOn"
          type="date"
          InputLabelProps={{ shrink: true }}
          validate={dateValidator(true)}
        />
        <TextInput source="responsiblePerson" label="doudi.cases.fields.responsiblePerson" validate={maxLength(100)} />
        <CheckboxGroupInput
          source="priorityGroups"
          label="doudi.cases.fields.priorityGroups"
          choices={choices(PRIORITY_GROUPS, 'PriorityGroup')}
        />
      </SimpleForm>
    </Create>
  );
}
