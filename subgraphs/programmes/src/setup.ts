import type { MikroORM } from '@mikro-orm/postgresql';
import {
  deliverySigner,
  deliveryVerifier,
  loadPrivateKey,
  loadPublicKey,
  subgraphClient,
  subgraphTimeoutMs,
  subgraphUrl,
  type Route,
} from '@doudi/shared';
import { householdDirectory } from './household/household-directory.js';
import { householdFactsFeed } from './screening/household-facts.feed.js';
import type { Services } from './context.js';
import { workingDaysCalendar } from './remote/organisations.js';
import { relativeFiling } from './benefit/benefit.filing.js';
import { PAID_FIRST_PATH, paidFirstRoute } from './benefit/paid-first.service.js';
import { LEGACY_DEADLINE_SETTINGS_PATH, legacyDeadlineSettingsRoute } from './deadline/deadline-settings.route.js';

export async function setup(orm: MikroORM, env: Record<string, string | undefined>) {
  const signer = await deliverySigner(await loadPrivateKey('service', env), 'programmes');
  const services: Services = {
    households: householdDirectory(subgraphClient(subgraphUrl('households', env), subgraphTimeoutMs(env))),
    organisations: subgraphClient(subgraphUrl('organisations', env), subgraphTimeoutMs(env)),
    householdFacts: householdFactsFeed(subgraphUrl('households', env), signer, subgraphTimeoutMs(env)),
    calendar: workingDaysCalendar(subgraphUrl('organisations', env), signer, subgraphTimeoutMs(env)),
    filing: relativeFiling(
      subgraphUrl('households', env),
      subgraphUrl('organisations', env),
      signer,
      subgraphTimeoutMs(env),
    ),
  };
  // Emergency payments made first on a case (晋检发办字〔2023〕10号 第二十条) enter the ledger: cases only.
  const verifier = await deliveryVerifier(await loadPublicKey('service', env), 'programmes');
  const routes: Record<string, Route> = {
    [PAID_FIRST_PATH]: paidFirstRoute(orm, verifier),
    // The time limits that moved to cases, answered to cases until it has copied them (docs/architecture.md).
    [LEGACY_DEADLINE_SETTINGS_PATH]: legacyDeadlineSettingsRoute(orm, verifier),
  };
  return { services, routes };
}
