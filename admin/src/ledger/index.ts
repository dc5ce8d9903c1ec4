import ListAltIcon from '@mui/icons-material/ListAlt';
import type { ConsoleResource } from '../resource';
import { lazyPage } from '../lazy-page';

const LedgerPage = lazyPage(() => import('./LedgerPage'), 'LedgerPage');

/**
 * The monthly ledger (台账, issue 14 item 6) from the office's own page: viewed, explained, submitted (submitLedger)
 * and exported. For those who work on cases; the dashboard shows the township's to those who read reports.
 */
export const ledger: ConsoleResource = {
  name: 'ledger',
  icon: ListAltIcon,
  list: LedgerPage,
  data: {},
  access: { read: 'CASES_WRITE', write: 'CASES_WRITE' },
};
