import type { MikroORM } from '@mikro-orm/postgresql';
import {
  createLogger,
  deliverySigner,
  loadVault,
  loadPrivateKey,
  subgraphClient,
  subgraphTimeoutMs,
  subgraphUrl,
  type PersonalDataVault,
  type SubgraphQuery,
} from '@doudi/shared';
import { jobCalendar, leadReceivers, type JobCalendar } from './remote/organisations.js';
import type { LeadReceivers } from './discovery/discovery.intake.js';
import { legacyDeadlineSettings, paidFirstLedger, type PaidFirstLedger } from './remote/programmes.js';
import { importDeadlineSettingsAtStart } from './deadline/deadline.import.js';

/**
 * The other subgraphs cases asks. What it asks of each, with the documents, types and what their errors mean,
 * is in remote/<subgraph>.ts; these are only the connections.
 */
export interface Services {
  /** Organisations, as the current caller (their permissions apply): kinds and working-day calendars. */
  organisations: SubgraphQuery;
  /** Households, as the current caller: the family's facts and its consent to publicity (公示). */
  households: SubgraphQuery;
  /** Programmes, as the current caller: a substantiated complaint flags the benefit it concerns for review. */
  programmes: SubgraphQuery;
  /** Seals complainants' names and phones (监督举报) with the personal-data key. */
  vault: PersonalDataVault;
  /** Working days for the deadline sweep, which runs without a caller (signed with the service key). */
  jobCalendar: JobCalendar;
  /** Who receives a township's screening leads, for the lead intake, which runs without a caller (service key). */
  leadReceivers: LeadReceivers;
  /** Emergency payments made first, written to programmes' benefits ledger (signed with the service key). */
  ledger: PaidFirstLedger;
}

export async function setup(orm: MikroORM, env: Record<string, string | undefined>) {
  const client = (name: 'organisations' | 'households' | 'programmes') =>
    subgraphClient(subgraphUrl(name, env), subgraphTimeoutMs(env));
  const signer = await deliverySigner(await loadPrivateKey('service', env), 'cases');
  const services: Services = {
    ledger: paidFirstLedger(subgraphUrl('programmes', env), signer, subgraphTimeoutMs(env)),
    organisations: client('organisations'),
    households: client('households'),
    programmes: client('programmes'),
    vault: await loadVault(env),
    jobCalendar: jobCalendar(subgraphUrl('organisations', env), signer, subgraphTimeoutMs(env)),
    leadReceivers: leadReceivers(subgraphUrl('organisations', env), signer, subgraphTimeoutMs(env)),
  };
  // The time limits programmes kept before they moved here, copied once (deadline/deadline.import.ts).
  await importDeadlineSettingsAtStart(
    orm,
    legacyDeadlineSettings(subgraphUrl('programmes', env), signer, subgraphTimeoutMs(env)),
    createLogger('cases', env),
  );
  return { services };
}
