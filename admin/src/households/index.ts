import { createElement } from 'react';
import { Route } from 'react-router-dom';
import HomeWorkIcon from '@mui/icons-material/HomeWork';
import type { ConsoleResource } from '../resource';
import { householdData } from './data';
import { lazyPage } from '../lazy-page';

const HouseholdList = lazyPage(() => import('./HouseholdList'), 'HouseholdList');
const HouseholdShow = lazyPage(() => import('./HouseholdShow'), 'HouseholdShow');
const ImportPage = lazyPage(() => import('./ImportPage'), 'ImportPage');

/** Households (issue 14 item 3): list, the household page with its masked numbers and their reveal, import. */
export const households: ConsoleResource = {
  name: 'households',
  icon: HomeWorkIcon,
  list: HouseholdList,
  show: HouseholdShow,
  routes: createElement(Route, { path: 'import', element: createElement(ImportPage) }),
  data: householdData,
  access: { read: 'HOUSEHOLDS_READ', write: 'HOUSEHOLDS_WRITE' },
};
