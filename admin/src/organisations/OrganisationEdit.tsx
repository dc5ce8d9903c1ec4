import { Edit, SimpleForm, TextInput, maxLength, required } from 'react-admin';
import { PHONE } from './OrganisationCreate';

/** Name, hotline, address and liaison; the version read goes with it, so another's change answers CONFLICT. */
export function OrganisationEdit() {
  return (
    <Edit mutationMode="pessimistic" redirect="show">
      <SimpleForm>
        <TextInput source="name" validate={[required(), maxLength(100)]} fullWidth />
        <TextInput source="hotline" validate={PHONE} />
        <TextInput source="address" fullWidth />
        <TextInput source="liaisonName" />
        <TextInput source="liaisonPhone" validate={PHONE} />
      </SimpleForm>
    </Edit>
  );
}
