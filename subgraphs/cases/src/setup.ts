import {
  deliverySigner,
  internalWorkingDays,
  loadPrivateKey,
  subgraphClient,
  subgraphTimeoutMs,
  subgraphUrl,
  type SubgraphQuery,
} from '@doudi/shared';

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
}

export async function setup(_orm: unknown, env: Record<string, string | undefined>) {
  const client = (name: 'organisations' | 'households' | 'programmes') =>
    subgraphClient(subgraphUrl(name, env), subgraphTimeoutMs(env));
  const services: Services = {
    organisations: client('organisations'),
    households: client('households'),
    programmes: client('programmes'),
    jobCalendar: internalWorkingDays(
      subgraphUrl('organisations', env),
      await deliverySigner(await loadPrivateKey('service', env), 'cases'),
      subgraphTimeoutMs(env),
    ),
  };
  return { services };
}
