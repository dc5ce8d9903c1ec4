import type { MikroORM } from '@mikro-orm/postgresql';
import {
  createLogger,
  deliveryVerifier,
  INTERNAL_ROUTES,
  loadPublicKey,
  principalVerifier,
  subgraphClient,
  subgraphTimeoutMs,
  subgraphUrl,
  type Route,
} from '@doudi/shared';
import { loadVault } from '@doudi/shared';
import { HOUSEHOLD_FACTS_PATH, householdFactsRoute } from './screening-feed/index.js';
import { memberIdHashesRoute } from './person/member-hashes.route.js';
import { householdImportRoute } from './import/import.route.js';
import type { Services } from './services.js';

export type { Services } from './services.js';

/** The households subgraph seals ID numbers and phone numbers with the personal-data key. */
export async function setup(orm: MikroORM, env: Record<string, string | undefined>) {
  const services: Services = {
    vault: await loadVault(env),
    organisations: subgraphClient(subgraphUrl('organisations', env), subgraphTimeoutMs(env)),
    // Its address is read at each call: programmes starts after households (it reads households).
    programmes: (document, variables, assertion) =>
      subgraphClient(subgraphUrl('programmes', env), subgraphTimeoutMs(env))(document, variables, assertion),
  };
  // The facts of every household of a subtree, streamed to programmes for its screening (screening-feed/).
  const verifier = await deliveryVerifier(await loadPublicKey('service', env), 'households');
  const routes: Record<string, Route> = {
    [HOUSEHOLD_FACTS_PATH]: householdFactsRoute(orm, verifier),
    // 备案 (临社救办发〔2015〕3号 二(一)): members' keyed hashes, for programmes' filing of a proposal.
    [INTERNAL_ROUTES.memberIdHashes]: memberIdHashesRoute(orm, verifier),
    // A household list streamed through the gateway with the caller's signed principal (import/import.route.ts).
    [INTERNAL_ROUTES.householdImport]: householdImportRoute(
      orm,
      services,
      await principalVerifier(await loadPublicKey('gateway', env)),
      createLogger('households', env),
    ),
  };
  return { services, routes };
}
