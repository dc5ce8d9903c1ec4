import { subgraphClient, subgraphTimeoutMs, subgraphUrl } from '@doudi/shared';
import { householdDirectory, type HouseholdDirectory } from './household/household-directory.js';

export interface Services {
  /** Reads households from the households subgraph, as the current caller. */
  households: HouseholdDirectory;
}

export async function setup(_orm: unknown, env: Record<string, string | undefined>) {
  const services: Services = {
    households: householdDirectory(subgraphClient(subgraphUrl('households', env), subgraphTimeoutMs(env))),
  };
  return { services };
}
