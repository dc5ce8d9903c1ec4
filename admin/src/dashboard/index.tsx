import { lazy, Suspense } from 'react';
import InsightsIcon from '@mui/icons-material/Insights';
import { Loading } from 'react-admin';
import type { ConsoleResource } from '../resource';

// ECharts and the dashboard's pages are fetched when the dashboard is opened, never with the console itself.
const DashboardPage = lazy(() => import('./DashboardPage'));

function Dashboard() {
  return (
    <Suspense fallback={<Loading />}>
      <DashboardPage />
    </Suspense>
  );
}

/**
 * The dashboards (issue 14 item 6): statistics only, for callers with reports:read (the REPORTING role and the
 * administrators); the menu hides it from everyone else.
 */
export const dashboard: ConsoleResource = {
  name: 'dashboard',
  icon: InsightsIcon,
  list: Dashboard,
  data: {},
  access: { read: 'REPORTS_READ', write: 'REPORTS_READ' },
};
