import {
  deliverySigner,
  internalWorkingDays,
  loadPrivateKey,
  subgraphClient,
  subgraphTimeoutMs,
  subgraphUrl,
  type SubgraphQuery,
} from '@doudi/shared';
import { paidFirstLedger, type PaidFirstLedger } from './emergency/emergency.ledger.js';

/** The other subgraphs cases asks, always as the current caller (their permissions apply). */
export interface Services {
  /** Working-day calendars and organisation kinds. */
  organisations: SubgraphQuery;
  /** The family's consent to publicity (公示). */
  households: SubgraphQuery;
  /** The time limits in force in a jurisdiction. */
  programmes: SubgraphQuery;
  /** Working days for the deadline sweep, which runs without a caller (signed with the service key). */
  jobCalendar: ReturnType<typeof internalWorkingDays>;
  /** Emergency payments made first, written to programmes' benefits ledger (signed with the service key). */
  ledger: PaidFirstLedger;
}

export async function setup(_orm: unknown, env: Record<string, string | undefined>) {
  const client = (name: 'organisations' | 'households' | 'programmes') =>
    subgraphClient(subgraphUrl(name, env), subgraphTimeoutMs(env));
  const signer = await deliverySigner(await loadPrivateKey('service', env), 'cases');
  const services: Services = {
    ledger: paidFirstLedger(subgraphUrl('programmes', env), signer, subgraphTimeoutMs(env)),
    organisations: client('organisations'),
    households: client('households'),
    programmes: client('programmes'),
    jobCalendar: internalWorkingDays(subgraphUrl('organisations', env), signer, subgraphTimeoutMs(env)),
  };
  return { services };
}
