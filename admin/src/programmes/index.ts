import { Route } from 'react-router-dom';
import { createElement } from 'react';
import AssignmentIcon from '@mui/icons-material/Assignment';
import type { ConsoleResource } from '../resource';
import { programmeData } from './data';
import { lazyPage } from '../lazy-page';

const ProgrammeList = lazyPage(() => import('./ProgrammeList'), 'ProgrammeList');
const ProgrammeShow = lazyPage(() => import('./ProgrammeShow'), 'ProgrammeShow');
const PublishVersionPage = lazyPage(() => import('./publish/PublishVersionPage'), 'PublishVersionPage');

/** Programmes per jurisdiction (issue 12 item 5): list, page with versions and origins, publish a version. */
export const programmes: ConsoleResource = {
  name: 'programmes',
  icon: AssignmentIcon,
  list: ProgrammeList,
  show: ProgrammeShow,
  routes: createElement(Route, { path: ':id/publish', element: createElement(PublishVersionPage) }),
  recordRepresentation: 'name',
  data: programmeData,
  access: { read: 'PROGRAMMES_READ', write: 'PROGRAMMES_WRITE' },
};
