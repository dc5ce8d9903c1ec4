import { useState } from 'react';
import { Create, SelectInput, SimpleForm, TextInput, maxLength, regex, required, useTranslate } from 'react-admin';
import { JurisdictionInput, useWorkingJurisdiction } from '../jurisdictions';
import { kindChoices } from './kinds';

// As the API checks them (organisations subgraph): a name of at most 100 characters, a hotline of digits, spaces and + - ( ).
export const PHONE = regex(/^[0-9+\-() ]{3,30}$/, 'doudi.organisations.phone_format');

/** A new organisation in the administrator's division or below; a retried submission is not created twice. */
export function OrganisationCreate() {
  const translate = useTranslate();
  const { working } = useWorkingJurisdiction();
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  // The form starts once the working division is known: default values arriving later would reset what was typed.
  if (!working) return null;
  return (
    <Create redirect="show" transform={(data: object) => ({ ...data, idempotencyKey })}>
      <SimpleForm defaultValues={{ jurisdictionCode: working }}>
        <TextInput source="name" validate={[required(), maxLength(100)]} fullWidth />
        <SelectInput source="kind" choices={kindChoices(translate)} validate={required()} />
        <JurisdictionInput source="jurisdictionCode" label="resources.organisations.fields.jurisdiction" />
        <TextInput source="hotline" validate={PHONE} />
        <TextInput source="address" fullWidth />
      </SimpleForm>
    </Create>
  );
}
