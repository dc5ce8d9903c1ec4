import CorporateFareIcon from '@mui/icons-material/CorporateFare';
import type { ConsoleResource } from '../resource';
import { organisationData } from './data';
import { lazyPage } from '../lazy-page';

const OrganisationCreate = lazyPage(() => import('./OrganisationCreate'), 'OrganisationCreate');
const OrganisationEdit = lazyPage(() => import('./OrganisationEdit'), 'OrganisationEdit');
const OrganisationList = lazyPage(() => import('./OrganisationList'), 'OrganisationList');
const OrganisationShow = lazyPage(() => import('./OrganisationShow'), 'OrganisationShow');

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
