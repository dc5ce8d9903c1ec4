import { loadVault, type PersonalDataVault } from '@doudi/shared';

export interface Services {
  vault: PersonalDataVault;
}

/** The households subgraph seals ID numbers and phone numbers with the personal-data key. */
export async function setup(_orm: unknown, env: Record<string, string | undefined>) {
  const services: Services = { vault: await loadVault(env) };
  return { services };
}
