import CorporateFareIcon from '@mui/icons-material/CorporateFare';
import type { ConsoleResource } from '../resource';
import { organisationData } from './data';
import { OrganisationCreate } from './OrganisationCreate';
import { OrganisationEdit } from './OrganisationEdit';
import { OrganisationList } from './OrganisationList';
import { OrganisationShow } from './OrganisationShow';

export { OrganisationInput } from './OrganisationInput';
export { DeactivateButton } from './DeactivateButton';
export { ActiveChip } from './Status';

/** Organisations (issue 14 item 5): the directory by division, kind and status; create, edit, deactivate with a reason. */
export const organisations: ConsoleResource = {
  name: 'organisations',
  icon: CorporateFareIcon,
  list: OrganisationList,
  show: OrganisationShow,
  create: OrganisationCreate,
  edit: OrganisationEdit,
  recordRepresentation: 'name',
  data: organisationData,
  access: { read: 'ORGANISATIONS_READ', write: 'ORGANISATIONS_WRITE' },
};
